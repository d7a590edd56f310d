// The help of `card` and its commands: open, batch, query, update, delete. The flags card open
// derives from its fields are described in program-card-fields.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  card: 'issue, look up, update and delete membership cards, one at a time or from a CSV file',

  open: 'issue one membership card; prompts for missing required fields on a terminal',
  frontText: (p: { path: string }) => `a line of ${p.path} (repeatable, at most 4)`,
  openSet: 'set a biz_content field by path; path:=json sets a JSON value (repeatable; overrides --biz, a field flag overrides it)',
  openNotes: `
Input: a field's own flag (and --front-text) wins over --set, --set over --biz. A field the API
does not have is an error. Every field is checked before anything is sent; then the template is
looked up: its rules can fill valid_date and require balance, point or level.
Answering no at the confirmation sends nothing and exits 2. After a timeout or another unknown
outcome, stderr gives the exact flags (out_serial_no and the dates filled in) to retry safely.
`,

  batch: 'issue, update or delete cards from a CSV file: resumable, every row exactly once, with a results file',
  batchFile: 'CSV with a header row (UTF-8 with or without BOM, GBK/GB18030)',
  batchAction: "what each row does: open a card, update one (target_card_no and the new values) or delete one (target_card_no and reason_code) (default open; --resume keeps the batch's)",
  batchTemplateId: 'open: card_template_id for rows without one; update: the template the cards are on, whose levels a level column is checked against',
  batchReason: 'delete: reason_code for rows without one (USER_UNBUND: can bind again; CANCEL: never again; PRESENT: given to another user)',
  batchMap: 'map a CSV column to a field or flag name (repeatable)',
  batchIgnoreUnknownColumns: 'ignore columns that map to no field instead of failing',
  batchEncoding: 'file encoding (default: detected)',
  batchValidateOnly: 'check every row and list the invalid ones; send nothing',
  batchConcurrency: 'requests in flight at once (default 4)',
  batchRate: 'at most n requests per second',
  batchMaxAttempts: 'attempts per row on transient errors, same out_serial_no each time (default 3)',
  batchResults: 'results file: .csv, .ndjson or .jsonl (default: <file>.results.csv)',
  batchJournal: 'journal file (default: beside the results)',
  batchResume: 'continue an interrupted run of the same file from its journal',
  batchRetryFailed: 'rerun the rows of a finished run that failed for a retryable reason',

  query: 'look a card up (alipay.marketing.card.query)',
  queryCardNo: 'the card number (biz_card_no from card open; with --type, a code or external number)',
  queryType: 'what <card-no> is (target_card_no_type)',
  queryNotes: 'A deleted card is not found (CARD_NOT_EXIT, exit 4). "in wallet" is no when schema_url is empty.\n',

  update: 'change a card: points, balance, level, texts, template (alipay.marketing.card.update)',
  cardNo: 'the card number (biz_card_no from card open)',
  updateSet: 'set a biz_content field by path; path:=json sets a JSON value (repeatable)',
  updateMaxAttempts: 'attempts on transient errors (an update sets values: a resend is harmless; default 3)',
  updateNotes: `Every field is checked before anything is sent; the card is then looked up and a level checked
against its template's levels (the new template's, with --template-id). open_date and valid_date
cannot be changed (Alipay ignores them) and are refused. On a terminal the current values are shown
beside the new ones and confirmed; --yes skips that. A lookup that fails (CARD_NOT_EXIT,
TEMPLATE_NOT_EXIT) sends no update: exit 4, stderr names the lookup, and --json prints the lookup's
node, as card open does when its template lookup fails.
`,

  delete: 'cancel a card: --reason USER_UNBUND|CANCEL|PRESENT (alipay.marketing.card.delete)',
  deleteReason: 'why (reason_code)',
  /** What each reason_code means for the member (DELETE_REASONS in src/cards/card-delete.ts). */
  deleteReasons: (p: { reasons: readonly string[] }) => `\nReasons:\n${p.reasons.join('\n')}\n`,
  deleteReasonRow: (p: { code: string; meaning: string }) => `  ${p.code.padEnd(12)} ${p.meaning}`,
  deleteNotes: `The out_serial_no is printed on stderr before sending: a retry with --out-serial-no deletes once.
CANCEL asks you to type the card number on a terminal, and needs --yes without one. A card already
deleted with the reason asked is reported with a note and exit 0 (sub_code CARD_IS_DELETED_ALREADY
under --json), as is one whose reason the gateway does not name, unless CANCEL was asked; with
another reason, or CANCEL and a reason not named, the reason asked was not applied: exit 4,
naming the reason the card holds. The same --out-serial-no with another request
(another card, reason or ext_info) is refused, OUT_SERIAL_NO_CONFLICT.
`,
} satisfies Entries);

export type ProgramCardEntries = ReturnType<typeof entries>;
export const programCardText = messages('program-card', entries);
