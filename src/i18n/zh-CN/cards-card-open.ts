import type { CardsCardOpenEntries } from '../en/cards-card-open.js';
import type { Translation } from '../text.js';

export const cardsCardOpen = (): Translation<CardsCardOpenEntries> => ({
  userIdExpected: '用户的支付宝用户 ID：以 2088 开头的 16 位数字，例如 2088302463082075',
  pointExpected: '最多两位小数的数字，例如 88 或 88.5',
  balanceExpected: '以元为单位、两位小数的金额，例如 124.89 或 100.00',
  balanceAsNumber: (p) => `JSON 数字会丢掉末尾的 0（100.00 到达时是 100）：请把 balance 写成字符串，例如 "${p.example}"`,
  unsafeInteger: '位数太多，JSON 数字无法精确保留：请写成字符串',
  requiredByRule: (p) => `模板要求必填：模板的字段规则用请求中的这个值填写 ${p.field}（ASSIGN_FROM_REQUEST）`,
  notTemplateLevel: (p) => `必须是模板定义的等级之一：${p.levels}`,
  afterOpenDateRuled: (p) => `应用模板的字段规则后，必须晚于 open_date（${p.date}）`,
});
