import type { MemberServeEntries } from '../en/member-serve.js';
import type { Translation } from '../text.js';

export const memberServe = (): Translation<MemberServeEntries> => ({
  noDryRun: '--dry-run：member serve 没有试运行：每有一位会员开卡，它就开出一张会员卡',
  noDryRunHint: '想不开出真实的会员卡来试用，请对本地网关运行（--gateway local），就像 `alipay-card demo` 那样',
  templateIdRequired: '必须提供 --template-id：会员开卡所用的会员卡模板',
  portInvalid: (p) => `--port 必须是端口号（0 到 65535），实际为 ${p.value}`,
  concurrencyInvalid: '--concurrency 必须是 1 到 64 之间的整数',
  templateNeedsMore: (p) => `模板 ${p.templateId} 需要的信息超出了开卡表单能提供的：${p.problems}`,
  templateNeedsMoreHint: '请给所有会员同样的初始值：--level、--point、--balance',
  cannotListen: (p) => `--port ${p.port}${p.host ? ` --host ${p.host}` : ''}：无法在此监听（${p.reason}）`,
  inUse: '端口已被占用',
  cannotListenHint: '请换一个端口，或用 --port 0 自动选择空闲端口',
  hostUnresolved: (p) => `--host ${p.host} 不是本机的地址：无法解析（${p.code}）`,
  hostUnresolvedHint: '请使用 127.0.0.1（默认）、localhost 或 [::1]，0.0.0.0 表示所有网卡，或本机的某个地址',
  listening: (p) => `member serve：正在为模板 ${p.templateId} 办理会员开卡，地址 ${p.url}（进度日志 ${p.journal}）；按 Ctrl-C 停止`,
  stopping: '正在停止：等待进行中的开卡完成',
  stopped: '已停止',
  memberLine: (p) => `${p.time} request_id=${p.requestId} user=${p.user}${p.mobile ? ` mobile=${p.mobile}` : ''} ${p.what}（耗时 ${p.ms} ms）`,
  cardGone: (p) => `会员卡 ${p.card} 已不存在（已删除）：重新开卡`,
  alreadyMember: (p) => `已是会员：${p.card}`,
  refused: (p) => `已拒绝：${p.problems}`,
  issued: (p) => `已开卡 ${p.card}`,
  failed: (p) => `失败：${p.why}`,
});
