import type { RenderTablesEntries } from '../en/render-tables.js';
import type { Translation } from '../text.js';

export const renderTables = (): Translation<RenderTablesEntries> => ({
  cardIssued: (p) => (p.where ? `✓ 会员卡已开通${p.where}` : '✓ 会员卡已开通'),
  card: (p) => (p.where ? `✓ 会员卡${p.where}` : '✓ 会员卡'),
  cardUpdated: (p) => (p.where ? `✓ 会员卡 ${p.cardNo} 已更新${p.where}` : `✓ 会员卡 ${p.cardNo} 已更新`),
  cardDeleted: (p) => (p.where ? `✓ 会员卡 ${p.cardNo} 已删除${p.where}` : `✓ 会员卡 ${p.cardNo} 已删除`),
  levelWithName: (p) => `${p.level}（${p.name}）`,
  inWallet: '在卡包中',
  inWalletYes: '是',
  inWalletNo: '否（没有 schema_url）',
  none: '（无）',
  note: '注意',
  alreadyDeleted: '这张会员卡在本次请求之前就已删除',

  template: (p) => (p.where ? `模板${p.where}` : '模板'),
  style: '样式',
  benefits: '权益',
  columns: '栏位',
  fieldRules: '字段规则',
  openCardConf: '开卡配置',
  actions: '操作按钮',
  levels: '等级',
  mdcodeNotify: '动态码通知',
  pubChannels: '投放渠道',
  shops: '门店',
  other: '其他',
  sectionItem: (p) => `${p.title} ${p.index}/${p.count}`,
});
