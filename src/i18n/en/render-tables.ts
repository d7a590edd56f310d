// The titles and labels of the tables that show a card, a change to one, and a template. Field
// names (the keys of most rows) are the API's and are not here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** `where` (or ''): the local gateway's mark, after the title. */
  cardIssued: (p: { where: string }) => (p.where ? `✓ Card issued ${p.where}` : '✓ Card issued'),
  card: (p: { where: string }) => (p.where ? `✓ Card ${p.where}` : '✓ Card'),
  cardUpdated: (p: { cardNo: string; where: string }) => (p.where ? `✓ Card ${p.cardNo} updated ${p.where}` : `✓ Card ${p.cardNo} updated`),
  cardDeleted: (p: { cardNo: string; where: string }) => (p.where ? `✓ Card ${p.cardNo} deleted ${p.where}` : `✓ Card ${p.cardNo} deleted`),
  /** A level with the name its template gives it: `VIP1 (白金会员)`. */
  levelWithName: (p: { level: string; name: string }) => `${p.level} (${p.name})`,
  inWallet: 'in wallet',
  inWalletYes: 'yes',
  inWalletNo: 'no (no schema_url)',
  /** An update's old value of a field the card did not have. */
  none: '(none)',
  note: 'note',
  alreadyDeleted: 'the card was already deleted before this request',

  // A template, section by section.
  template: (p: { where: string }) => (p.where ? `Template ${p.where}` : 'Template'),
  style: 'Style',
  benefits: 'Benefits',
  columns: 'Columns',
  fieldRules: 'Field rules',
  openCardConf: 'Open-card configuration',
  actions: 'Actions',
  levels: 'Levels',
  mdcodeNotify: 'Dynamic code notification',
  pubChannels: 'Publishing channels',
  shops: 'Shops',
  other: 'Other',
  /** One item of a section too wide for a grid: `Levels 2/3`. */
  sectionItem: (p: { title: string; index: number; count: number }) => `${p.title} ${p.index}/${p.count}`,
} satisfies Entries);

export type RenderTablesEntries = ReturnType<typeof entries>;
export const renderTablesText = messages('render-tables', entries);
