import type { BatchRowsEntries } from '../en/batch-rows.js';
import type { Translation } from '../text.js';

export const batchRows = (): Translation<BatchRowsEntries> => ({
  serialTwice: (p) => `与第 ${p.first} 行的 out_serial_no 相同：每一行都需要自己的流水号（网关对重复的流水号会返回第一行的会员卡，或拒绝请求）`,
  cardTwice: (p) => `与第 ${p.first} 行${p.action === 'delete' ? '删除' : '更新'}的是同一张会员卡：每张卡只能有一行（各行同时发送，哪一行最后生效无法确定）`,
  controlCharacter: (p) => `含有控制字符 U+${p.hex}（${p.name}），位于第 ${p.at} 个字符：请删除它（可能是导出文件的程序留下的）`,
  c1Control: 'C1 控制字符',
  excelScientific: (p) => `${p.message}——这是 Excel 的科学计数法：请把该列设为“文本”格式，再重新输入数字`,
  validDateRequired: (p) => `必填：需要 valid_date 列（'yyyy-MM-dd HH:mm:ss'），因为${p.why}`,
  levelUnchecked: (p) => `无法检查：${p.problem}（--template-id）`,
  templateQueryFailed: (p) => `查询模板 ${p.templateId} 失败：${p.said}`,

  problemLine: (p) => `第 ${p.row} 行，${p.where}：${p.message}`,
  problemLineGot: (p) => `第 ${p.row} 行，${p.where}：${p.message}——实际为 ${p.value}`,
});
