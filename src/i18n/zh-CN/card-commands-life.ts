import type { CardCommandsLifeEntries } from '../en/card-commands-life.js';
import type { Translation } from '../text.js';

export const cardCommandsLife = (): Translation<CardCommandsLifeEntries> => ({
  namedElsewhere: (p) => `${p.label} 为 ${p.value}，${p.source} 却给了另一个值：命令作用于 ${p.label} 所指的卡，请从 ${p.source} 中去掉 ${p.path}，或给出相同的值`,
  bizHint: `请传入一个 JSON 对象，例如 --biz '{"card_info":{"point":"88"}}'，或 --biz @update.json`,

  levelKept: (p) => `${p.problem}：会员卡当前的等级 ${p.level} 不在其中；请同时给出 --level`,
  lookingUpCard: (p) => `查询会员卡 ${p.cardNo} 时出错（更新请求未发送）：${p.message}`,
  lookingUpTemplate: (p) => `查询模板 ${p.templateId} 时出错（更新请求未发送）：${p.message}`,
  levelUncheckedDryRun: (p) => `注意：试运行不做任何查询：${p.field} 未按会员卡模板的等级检查`,
  templateUncheckedDryRun: (p) => `注意：试运行不做任何查询：未检查 ${p.field} 是否为本应用的模板，也未按其等级检查会员卡的等级`,
  aboutToUpdate: (p) => `即将更新会员卡 ${p.cardNo}：`,
  updateIt: '确认更新？',

  serialRetry: (p) => `out_serial_no: ${p.outSerialNo}（安全重试请用：--out-serial-no ${p.word}）`,
  alreadyDeleted: (p) => `注意：会员卡 ${p.cardNo} 已经以 reason_code ${p.reason} 删除过了（CARD_IS_DELETED_ALREADY），无需再做什么`,
  alreadyDeletedReasonUnsaid: (p) => `注意：会员卡 ${p.cardNo} 已经删除过了（CARD_IS_DELETED_ALREADY），网关没有说明其 reason_code：无需再做什么`,
  deletedWithOther: (p) => `会员卡 ${p.cardNo} 已经以 reason_code ${p.held} 删除过了（${p.meaning}）：--reason ${p.reason} 未生效`,
  deletedWithOtherHint: (p) => `已删除的会员卡不能再次删除：它的 reason_code 仍为 ${p.held}`,
  deletedReasonUnknown: (p) => `会员卡 ${p.cardNo} 已删除（CARD_IS_DELETED_ALREADY），网关没有说明删除原因：无法确认 --reason ${p.reason} 已生效，会员可能仍可再次领卡`,
  deletedReasonUnknownHint: '如果删除它的正是本次删除请求较早的一次尝试（超时、应答丢失），则已生效；已删除的会员卡不能再次删除，所以再运行 card delete 既无法确认也无法更改其删除原因',
  interruptedUpdate: (p) => `\`alipay-card card query ${p.word}\` 可查看会员卡当前的状态；更新设置的是绝对值，再次运行同一命令会让会员卡处于所要求的状态（其中给会员的消息 merchant_card_msg_info 会再发一次）`,
  interruptedDelete: (p) => `要安全地重试，请加 --out-serial-no ${p.word} 运行同一命令：已删除的卡会如实报告`,
  cancelNeedsYes: (p) => `没有终端时，card delete --reason CANCEL 需要加 --yes：${p.meaning}`,
  cancelNeedsYesHint: (p) => `加 --yes 以永久删除会员卡 ${p.cardNo}`,
  aboutToDelete: (p) => `即将删除会员卡 ${p.cardNo}（${p.reason}：${p.meaning}）。`,
  typeCardNo: (p) => `输入卡号 ${p.cardNo} 以永久删除该卡`,
  deleteIt: '确认删除？',
});
