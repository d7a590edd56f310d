import type { CardsTemplatesEntries } from '../en/cards-templates.js';
import type { Translation } from '../text.js';

export const cardsTemplates = (): Translation<CardsTemplatesEntries> => ({
  onlyCardType: (p) => `必须是 ${p.type}，这是唯一的卡类型`,
  notifyUrl: '接收发码通知的 https:// URL',
  notTemplateMember: '不是会员卡模板的字段（见模板创建与修改接口文档）：请删除',
  suffixLen: '8 到 32 之间的整数',
  suffixTooLong: (p) => `最多为 ${p.max}：即 32 减去 biz_no_prefix "${p.prefix}" 的长度`,
  openCardUrl: '开卡链接，以 http:// 或 https:// 开头',
  uniqueIn: (p) => `在 ${p.list} 中不能重复`,

  columnCodeTwice: '在 column_info_list 中不能重复：模块编码不能相同',
  standardModule: (p) => `标准模块 ${p.code} 只能是 staticinfo（或不填）`,
  paramsJson: '必须是 JSON 文本，例如 {} 或 {"k":"v"}',
  formFieldBoth: '已在 required 中：一个表单字段只能是必填或选填之一',
  ruleTwice: '在 field_rule_list 中不能重复：每个字段只能有一条规则',
  dateInFutureField: 'DATE_IN_FUTURE 只适用于 field_name 为 OpenDate 或 ValidDate 的规则',
  futureOffset: "DATE_IN_FUTURE 的值必须是月数或天数，例如 '10m' 或 '10d'",
  assignField: (p) => `必须指明要复制的 card_ext_info 字段：${p.fields} 之一`,
  constValue: (p) => `${p.problem}（CONST 规则的 ${p.field} 值会原样写到每张会员卡上）`,
  constLevel: (p) => `必须是模板定义的等级之一：${p.levels}`,

  levelsName: (p) => `不是 ${p.method} 的字段：等级字段名为 ${p.request}（template.query 返回时名为 ${p.answer}）`,
  rgbColour: '必须是 rgb(r,g,b) 形式的颜色，每个分量 0 到 255，例如 rgb(55,112,179)',
  gridIcon: 'template_style_info.column_info_layout 为 grid 时必填：栏位图标的 image_id（或图片文件）',
  jsonBoolean: (p) => `必须是 JSON 布尔值：不带引号的 ${p.example}`,
  numberLosesDigits: (p) => `必须以字符串给出：这么长的整数在 JSON 中会丢失位数（读出来是 ${p.example}）`,
  listOfStrings: (p) => `必须是字符串列表，例如 [${p.example}]`,
  imageIdNumber: (p) => `必须是字符串：图片上传返回的 image_id（如 "1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC"）或图片文件的路径，加引号；${p.example} 不是 image_id`,
  imageIdBlank: '是空白：请给出图片上传返回的 image_id，或图片文件的路径',
  notImageId: '不是 image_id：image_id 最多 64 个字母、数字及 - _ + = *，如 1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC（图片上传返回的值）',
  imageNotUploaded: '不是图片上传为此应用返回的 image_id：请先上传图片（alipay-card image upload <file>），或在模板文件中给出图片文件',
  actionUrl: 'http:// 或 https:// 开头的 URL，或支付宝 schema 链接（alipays://platformapi/startapp?appId=…）',
  shopTwice: (p) => `与 shop_ids[${p.first}] 是同一个门店：每个门店只写一次`,
  setAtCreate: '不能更改：它在创建模板时设定（template.modify 不接受它）',
  styleInfo: '卡面样式（即模板查询显示的样式）',
  fieldRulesKept: '字段规则不能修改（支付宝会忽略）：需要其他规则请新建模板',
  suffixLenKept: '模板创建后，卡号长度不能更改',
  shopsRemoved: (p) => `不能从模板中移除门店（只能添加）：${p.ids} 必须保留`,
  cannotRemoveMember: '修改不能删除模板的顶层字段（修改请求中未提供的字段，支付宝会保留原值）：不填即保留；null 只能删除对象内的字段，例如 template_style_info.slogan',

  noValidDateRule: (p) => `模板 ${p.templateId} 没有为 ValidDate 设置偏移量形如 12m 或 365d 的 DATE_IN_FUTURE 规则`,
});
