import type { ProgramCardEntries } from '../en/program-card.js';
import type { Translation } from '../text.js';

export const programCard = (): Translation<ProgramCardEntries> => ({
  card: '开卡、查询、更新和删除会员卡，逐张或按 CSV 文件批量处理',

  open: '开一张会员卡；在终端上会提示输入缺少的必填字段',
  frontText: (p) => `${p.path} 的一行（可重复，最多 4 行）`,
  openSet: '按路径设置 biz_content 的字段；path:=json 设置 JSON 值（可重复；覆盖 --biz，又被字段选项覆盖）',
  openNotes: `
输入：字段自己的选项（以及 --front-text）优先于 --set，--set 优先于 --biz。API 中没有的字段会报错。发送前会先检查所有字段，然后查询模板：模板的规则可以填入 valid_date，也可以要求 balance、point 或 level。
在确认时回答“否”则不发送任何内容，退出码为 2。超时或其他结果未知的情况下，stderr 会给出可安全重试的确切选项（out_serial_no 和已填入的日期）。
`,

  batch: '按 CSV 文件开卡、更新或删除会员卡：可断点续跑，每行恰好执行一次，并生成结果文件',
  batchFile: '带表头行的 CSV（UTF-8，带不带 BOM 均可，或 GBK/GB18030）',
  batchAction: '每行做什么：开卡、更新（target_card_no 和新值）或删除（target_card_no 和 reason_code）（默认 open；--resume 沿用该批次的设置）',
  batchTemplateId: 'open：没有 card_template_id 的行使用它；update：会员卡所用的模板，level 列按该模板的等级检查',
  batchReason: 'delete：没有 reason_code 的行使用它（USER_UNBUND：之后可再绑定；CANCEL：永远不能再绑定；PRESENT：转赠给其他用户）',
  batchMap: '把 CSV 列对应到字段名或选项名（可重复）',
  batchIgnoreUnknownColumns: '忽略对应不到任何字段的列，而不是报错',
  batchEncoding: '文件编码（默认：自动检测）',
  batchValidateOnly: '检查每一行并列出无效的行；不发送',
  batchConcurrency: '同时进行的请求数（默认 4）',
  batchRate: '每秒最多 n 个请求',
  batchMaxAttempts: '每行遇到临时性错误时的尝试次数，每次使用相同的 out_serial_no（默认 3）',
  batchResults: '结果文件：.csv、.ndjson 或 .jsonl（默认：<file>.results.csv）',
  batchJournal: '进度日志文件（默认：与结果文件放在同一目录）',
  batchResume: '根据进度日志，继续同一文件中断了的运行',
  batchRetryFailed: '重新运行已完成批次中因可重试原因失败的行',

  query: '查询一张会员卡（alipay.marketing.card.query）',
  queryCardNo: '会员卡号（card open 返回的 biz_card_no；配合 --type 也可以是动态码或外部卡号）',
  queryType: '<card-no> 是哪种卡号（target_card_no_type）',
  queryNotes: '已删除的会员卡查询不到（CARD_NOT_EXIT，退出码 4）。schema_url 为空时，“在卡包中”一项显示为“否”。\n',

  update: '修改会员卡：积分、余额、等级、卡面文字、模板（alipay.marketing.card.update）',
  cardNo: '会员卡号（card open 返回的 biz_card_no）',
  updateSet: '按路径设置 biz_content 的字段；path:=json 设置 JSON 值（可重复）',
  updateMaxAttempts: '遇到临时性错误时的尝试次数（更新是设置值，重发无害；默认 3）',
  updateNotes: `发送前会先检查所有字段；然后查询会员卡，并按其模板的等级检查 level（有 --template-id 时按新模板）。open_date 和 valid_date 不能修改（支付宝会忽略它们），会被拒绝。在终端上会把当前值与新值并列显示并请你确认；--yes 跳过确认。查询失败（CARD_NOT_EXIT、TEMPLATE_NOT_EXIT）时不发送更新：退出码 4，stderr 指明是哪次查询，--json 输出该查询的响应节点，与 card open 查询模板失败时一样。
`,

  delete: '删除会员卡：--reason USER_UNBUND|CANCEL|PRESENT（alipay.marketing.card.delete）',
  deleteReason: '删除原因（reason_code）',
  deleteReasons: (p) => `\n删除原因：\n${p.reasons.join('\n')}\n`,
  deleteReasonRow: (p) => `  ${p.code.padEnd(12)} ${p.meaning}`,
  deleteNotes: `发送前会在 stderr 上打印 out_serial_no：用 --out-serial-no 重试只会删除一次。CANCEL 在终端上会要求你输入卡号确认，没有终端时需要 --yes。已经以所要求的原因删除过的会员卡会给出提示并以退出码 0 结束（--json 下为 sub_code CARD_IS_DELETED_ALREADY），网关没有说明原因时也是如此（要求 CANCEL 时除外）；若以其他原因删除过，或要求 CANCEL 而网关没有说明原因，则本次要求的原因未生效：退出码 4，并指出该卡所持的原因。同一个 --out-serial-no 用于不同的请求（另一张卡、另一个原因或 ext_info）会被拒绝：OUT_SERIAL_NO_CONFLICT。
`,
});
