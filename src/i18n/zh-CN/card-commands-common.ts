import type { CardCommandsCommonEntries } from '../en/card-commands-common.js';
import type { Translation } from '../text.js';

export const cardCommandsCommon = (): Translation<CardCommandsCommonEntries> => ({
  invalidFields: (p) => `${p.count} 个字段无效，未发送任何请求：\n${p.lines.join('\n')}`,
  problemLine: (p) => `  ${p.path}${p.flag ? ` [${p.flag}]` : ''}：${p.message}${p.got ? `（实际为 ${p.got}）` : ''}`,
  notConfirmed: '未确认：未发送任何请求',
  yesSkips: '加 --yes 可跳过此确认',
  bizNotObject: (p) => `${p.source}：biz_content 必须是一个 JSON 对象`,
  stoppingInFlight: (p) => `正在停止${p.signal === 'SIGTERM' ? '（收到 SIGTERM）' : ''}：等待已发出的 ${p.method} 请求的应答（${p.signal === 'SIGTERM' ? '再收到一次 SIGTERM 或按 Ctrl-C' : '再按一次 Ctrl-C'} 则不再等待）`,
  interruptedInFlight: (p) => `已中断：${p.method} 请求已发出但未等到应答，网关可能已执行，也可能没有`,
});
