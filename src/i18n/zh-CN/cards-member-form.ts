import type { CardsMemberFormEntries } from '../en/cards-member-form.js';
import type { Translation } from '../text.js';

export const cardsMemberForm = (): Translation<CardsMemberFormEntries> => ({
  notJsonString: '必须是内容为 {"common_fields":[...]} 的 JSON 字符串（接口将其定义为 String）',
  notJson: '必须是 JSON：{"common_fields":["OPEN_FORM_FIELD_MOBILE"]}',
  notCommonFields: '必须包含 {"common_fields":[...]}，即 OPEN_FORM_FIELD_* 值的列表',
  noRequiredField: '至少要指定一个字段',
  unknownFields: (p) => `有 ${p.count} 个未知字段：字段应为以下之一：${p.values}`,
  fieldTwice: '有字段重复（同时出现在 required 和 optional 中，或在其中之一出现两次）',
  tooManyFields: (p) => `字段总数最多 ${p.max} 个`,
  templateId: '会员卡模板 ID',
  requestId: '回调带来的 request_id（最多 128 个字符）',
  queryString: '不能带查询字符串：支付宝会加上自己的参数（auth_code、request_id 等）；请用 out_string 传递你的值',
  fragment: '不能带 #片段',
});
