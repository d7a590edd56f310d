import type { CardsFieldsEntries } from '../en/cards-fields.js';
import type { Translation } from '../text.js';

/** A space before what starts with a code-like character (JSON, 'yyyy…', http://, 0), none before Chinese. */
const spaced = (text: string) => (/^[\x21-\x7e]/.test(text) ? ` ${text}` : text);

export const cardsFields = (): Translation<CardsFieldsEntries> => ({
  bizNotObject: 'biz_content 必须是 JSON 对象',

  textOfAtMost: (p) => `不超过 ${p.max} 个字符的字符串`,
  nonEmptyTextOfAtMost: (p) => `不超过 ${p.max} 个字符的非空字符串`,
  nonEmptyText: '非空字符串',
  jsonObject: 'JSON 对象',
  jsonArray: 'JSON 数组',
  nonEmptyJsonArray: '至少含一项的 JSON 数组',
  wholeNumber: (p) => `0 到 ${p.max} 之间的整数，例如 1496996459`,
  oneOf: (p) => `以下之一：${p.values}`,
  timestampFormat: "'yyyy-MM-dd HH:mm:ss' 格式的时间（Asia/Shanghai），且日期真实存在，例如 2024-05-01 09:30:00",
  dateFormat: "'yyyy-MM-dd' 格式的日期，且日期真实存在，例如 2016-06-27",
  httpUrl: 'http:// 或 https:// 开头的 URL',
  trueOrFalse: 'true 或 false',

  anArray: '数组',
  aNull: '空值（null）',
  anObject: '对象',
  aString: '字符串',
  aNumber: '数字',
  aBoolean: '布尔值',
  aValueOfType: (p) => `${p.type} 类型的值`,

  required: (p) => `必填：${p.what}`,
  requiredPlain: '必填',
  mustBe: (p) => `必须是${spaced(p.expected)}`,
  mustBeNot: (p) => `必须是${spaced(p.expected)}，而不是${p.got}`,
  tooLong: (p) => `最多 ${p.max} 个字符（实际有 ${p.length} 个）`,
  tooLongAsJson: (p) => `写成 JSON 后最多 ${p.max} 个字符（实际有 ${p.length} 个）`,
  tooManyItems: (p) => `最多 ${p.max} 项（实际有 ${p.length} 项）`,
  listGap: '缺少：列表从 [0] 开始连续编号，不能有空缺，而这一项没有给出（会作为 null 发送）',
  notAFieldOf: (p) => `不是 ${p.method} 的字段（是否想用 ${p.nearest}？）`,
  afterDate: (p) => `必须晚于 ${p.field}（${p.date}）`,
});
