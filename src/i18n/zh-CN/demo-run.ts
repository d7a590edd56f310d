import type { DemoRunEntries } from '../en/demo-run.js';
import type { Translation } from '../text.js';

export const demoRun = (): Translation<DemoRunEntries> => ({
  step: (p) => `▸ ${p.text}`,
  gatewayAt: (p) => `本地网关：${p.url}（状态文件：${p.statePath}）`,
  appKey: (p) => `应用 ${p.appId}，私钥位于 ${p.keyFile}`,
  template: (p) => `模板 ${p.templateId}`,
  cardIssued: '已开卡（alipay.marketing.card.open）',
  cardTitle: '会员卡',
  templateQueried: '模板（alipay.marketing.card.template.query）',
  restOfLife: '会员卡的后续：更新、查询、删除（card update、card query、card delete）',
  memberSignsUp: '会员自助领卡：form set → form link → member serve → 会员填写表单',
  signUpLink: (p) => `开卡链接（alipay.marketing.card.activateurl.apply）：${p.link}`,
  memberSubmitted: (p) => `网关扮演会员 ${p.userId}，提交了表单并访问了回调地址：HTTP ${p.status}`,
  theirCard: '该会员的会员卡，由 member serve 开出（alipay.system.oauth.token → activateform.query → card.open）',
  next: (p) => `以上每个响应都由网关签名并已验签。接下来，请自己开一张会员卡
（模板的字段规则要求请求中提供 balance、point 和 level；参见 card open --help）：
${p.command}`,
  cardUpdated: (p) => `会员卡 ${p.cardNo} 已更新：point +100（alipay.marketing.card.update）`,
  cardLookedUp: '查询会员卡（alipay.marketing.card.query）',
  cardDeleted: '已删除会员卡：USER_UNBUND（alipay.marketing.card.delete）',
  savedNotKept: (p) => `警告：无法把演示的模板记入 ${p.file}（${p.reason}）：下次演示会新建一个模板`,
  startOverHint: (p) => `删除 ${p.file}：演示随后会新建一个模板`,
  savedNotJson: (p) => `${p.file}：演示保存的状态不是有效的 JSON`,
  savedWrongShape: (p) => `${p.file}：演示保存的状态不是 {"templateId": "<id>"}`,
});
