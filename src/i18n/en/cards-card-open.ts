// What card open's checks say of a request (src/cards/card-open.ts, card-open-shape.ts,
// field-rules.ts); `card update` says the same of its points and balance.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  userIdExpected: "the user's Alipay user ID: 16 digits starting with 2088, e.g. 2088302463082075",
  pointExpected: 'a number with at most two decimals, e.g. 88 or 88.5',
  balanceExpected: 'an amount in yuan with two decimals, e.g. 124.89 or 100.00',
  balanceAsNumber: (p: { example: string }) => `a JSON number loses its trailing zeros (100.00 arrives as 100): give balance as a string, e.g. "${p.example}"`,
  unsafeInteger: 'too many digits for a JSON number to keep exactly: give it as a string',
  requiredByRule: (p: { field: string }) => `required by the template: its field rule fills ${p.field} from the request (ASSIGN_FROM_REQUEST)`,
  notTemplateLevel: (p: { levels: string }) => `must be a level of the template: one of ${p.levels}`,
  afterOpenDateRuled: (p: { date: string }) => `must be after open_date (${p.date}) once the template's field rules are applied`,
} satisfies Entries);

export type CardsCardOpenEntries = ReturnType<typeof entries>;
export const cardsCardOpenText = messages('cards-card-open', entries);
