import type { GatewayCliEntries } from '../en/gateway-cli.js';
import type { Translation } from '../text.js';

const VERBS: Record<string, string> = { issue: '开出', update: '更新', delete: '删除' };
const verb = (english: string) => VERBS[english] ?? english;
const dryRunNote = (dryRun: string): string => (dryRun === 'yes' ? '（试运行：不发送任何请求）' : dryRun === 'reads' ? '（试运行：只做查询，不做任何改动）' : '');
const DONE: Record<string, string> = { issued: '开出', updated: '更新', deleted: '删除' };

export const gatewayCli = (): Translation<GatewayCliEntries> => ({
  bannerProduction: (p) => `▲ 生产网关 — 配置档案 ${p.profile}，app_id ${p.appId}，${p.url}${dryRunNote(p.dryRun)}`,
  noAppId: '（未配置 appId）',
  bannerLocalUnconfigured: (p) => `▲ 本地网关 — 不会在支付宝开出任何会员卡；未找到配置：运行 \`alipay-card config init\` 以使用你的应用${dryRunNote(p.dryRun)}`,
  bannerLocalChosen: (p) => `▲ 本地网关 — 不会在支付宝开出任何会员卡；网关 local 来自 ${p.source}${dryRunNote(p.dryRun)}`,
  theProfile: '配置档案',
  confirmProduction: (p) => `在生产网关上${verb(p.verb)}至多 ${p.rows} 张会员卡？`,
  confirmUnconfigured: (p) => `未找到配置：在本地网关（不是支付宝）上${verb(p.verb)}至多 ${p.rows} 张会员卡？`,
  cancelled: '已取消：未发送任何请求',
  cancelledProductionHint: (p) => `重新运行该命令即可${verb(p.verb)}这些会员卡；--yes 可跳过此确认`,
  cancelledUnconfiguredHint: (p) => `运行 \`alipay-card config init\` 以用你的应用${verb(p.verb)}它们，或加上 --gateway local（或 --yes）在本地网关上运行批量任务`,
  localResultNote: (p) => `  网关     本地（进程内）：没有在支付宝${DONE[p.done] ?? p.done}任何会员卡`,

  localWhere: '（本地网关，并非支付宝）',
  stringToSignTitle: '待签名字符串',
  signatureTitle: (p) => `签名（${p.signType}，${p.charset}）`,
  paramsTitle: '参数',
  requestTitle: '请求',
  requestNoteTitle: (p) => `请求（${p.note}）`,

  inProcessNote: '进程内的本地网关',
  noCertForSn: (p) => `响应中的 alipay_cert_sn 为 ${p.sn}，已配置的支付宝证书中没有这一张（${p.configured}）：请下载支付宝当前的公钥证书`,
  verboseAttempt: (p) => `── 第 ${p.attempt} 次尝试 ──`,
  verboseStringToSign: (p) => `待签名字符串：${p.content}`,
  verbosePostThroughProxy: (p) => `→ POST ${p.url}（经代理 ${p.proxy}，${p.variable}）`,
  verboseFailed: (p) => `✗ ${p.message}`,
  verboseRetrying: (p) => `↻ ${p.ms} ms 后重试`,

  waitingForState: (p) => `正在等待另一个 alipay-card 命令（pid ${p.pid}）用完本地网关的状态文件 ${p.path}`,
  closeFailed: (p) => `本地网关：${p.message}`,
  closeFailedWithHint: (p) => `本地网关：${p.message}；${p.hint}`,

  stateDirUnwritable: (p) => `无法写入状态目录 ${p.dir}：${p.reason}`,
  stateDirUnwritableHint: '将 XDG_STATE_HOME 设为一个你可以写入的目录：本地网关的应用密钥和状态都保存在那里',
});
