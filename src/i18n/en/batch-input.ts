// card batch's input: its flags, the CSV file (encoding, structure) and its header's columns.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  // Flags.
  encodingFlag: (p: { valid: string; got: string }) => `--encoding must be one of ${p.valid}, got ${p.got}`,
  wholeNumberFlag: (p: { flag: string; max: number; got: string }) => `${p.flag} must be a whole number from 1 to ${p.max}, got ${p.got}`,
  rateFlag: (p: { got: string }) => `--rate must be a positive number of requests per second, got ${p.got}`,
  resultsExtension: (p: { path: string }) => `--results ${p.path}: a results file's name must end in .csv, .ndjson or .jsonl`,
  resultsExtensionHint: '.csv for a spreadsheet, .ndjson (or .jsonl) for one JSON object a line',

  // Reading the file.
  utf16: (p: { path: string }) => `${p.path} is UTF-16 text, not a CSV file`,
  utf16Hint: 'in Excel, save as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
  noSuchFile: (p: { path: string }) => `cannot read ${p.path}: no such file`,
  isDirectory: (p: { path: string }) => `cannot read ${p.path}: it is a directory`,
  notAFile: (p: { path: string }) => `cannot read ${p.path}: it is a pipe or a device, not a file`,
  notAFileHint: 'card batch reads its file more than once (to check every row, then to send them, and again for --resume): save the rows to a file first (… > members.csv)',
  permissionDenied: (p: { path: string }) => `cannot read ${p.path}: permission denied`,

  // Encodings. `at` is where a reading breaks: breakAt, breakAtByte or breakNowhere.
  damagedUtf8: (p: { path: string; at: string; why: string }) => `${p.path} is UTF-8 with a damaged byte ${p.at} (${p.why})`,
  startsWithBom: 'it starts with a UTF-8 BOM',
  readAsUtf8: (p: { count: number }) => `the ${p.count} characters beyond ASCII before it read as UTF-8`,
  neitherEncoding: (p: { path: string; utf8: string; gb18030: string }) => `${p.path} is neither UTF-8 nor GBK/GB18030 text: as UTF-8 it breaks ${p.utf8}, as GB18030 ${p.gb18030}`,
  rewriteHint: 'fix the damaged byte, or save the file again (Excel: "CSV UTF-8")',
  forcedEncodingFails: (p: { forced: string; path: string; name: string; at: string }) => `--encoding ${p.forced}: ${p.path} is not ${p.name} text: it breaks ${p.at}`,
  eitherEncoding: (p: { path: string; utf8: string; gbk: string }) => `${p.path} reads as UTF-8 and as GBK (its first non-ASCII text is "${p.utf8}" in UTF-8, "${p.gbk}" in GBK), and which it is cannot be told from its bytes`,
  eitherEncodingHint: 'say which with --encoding utf-8 or --encoding gbk (Excel\'s "CSV UTF-8" adds a BOM that says UTF-8)',
  forcedGbkIsUtf8: (p: { forced: string; path: string; why: string }) => `--encoding ${p.forced}: ${p.path} is UTF-8 text (${p.why}): read as ${p.forced.toUpperCase()}, its Chinese would be garbled`,
  decodesAsUtf8: 'all of it reads as UTF-8, with Chinese in it, which GBK text practically never does',
  readsAsHint: (p: { name: string; flag: string }) => `it reads as ${p.name}: leave out --encoding (the encoding is detected) or pass --encoding ${p.flag}`,
  breakNowhere: 'nowhere',
  breakAt: (p: { line: number; offset: number }) => `at line ${p.line} (byte offset ${p.offset})`,
  breakAtByte: (p: { line: number; offset: number; byte: string }) => `at line ${p.line} (byte offset ${p.offset}: ${p.byte})`,

  // The CSV's structure.
  valueUnderUnnamed: (p: { path: string; line: number; row: number; column: number; letter: string }) => `${p.path} line ${p.line} (row ${p.row}): a value in column ${p.column} (${p.letter}), which has no name in the header`,
  tooManyValues: (p: { path: string; line: number; row: number; values: number; columns: number }) => `${p.path} line ${p.line} (row ${p.row}): ${p.values} values, but the header has ${p.columns} columns`,
  tooManyValuesHint: 'a value holding a comma must be quoted: "Beijing, China"',
  tooFewValues: (p: { path: string; line: number; row: number; values: number; columns: number }) => `${p.path} line ${p.line} (row ${p.row}): ${p.values} value${p.values === 1 ? '' : 's'}, but the header has ${p.columns} columns`,
  tooFewValuesHint: 'every row needs a value (or an empty cell) for each column',
  quoteNotClosed: (p: { path: string; line: number }) => `${p.path} line ${p.line}: a quoted value starts on this line and its closing quote never comes (unbalanced quote)`,
  closeQuoteHint: 'close the quote; a quote inside a quoted value is written twice: "say ""hi"""',
  quoteTwiceHint: 'a quote inside a quoted value is written twice: "say ""hi"""',
  quoteInValue: (p: { path: string; line: number }) => `${p.path} line ${p.line}: a quote in the middle of an unquoted value`,
  quoteInValueHint: 'quote the whole value and write the inner quote twice: "12"" screen"',
  textAfterQuote: (p: { path: string; line: number }) => `${p.path} line ${p.line}: text right after a closing quote`,
  /** csv-parse's own message, for an error it has no code we know for. */
  parseFailed: (p: { path: string; line: number; reason: string }) => `${p.path} line ${p.line}: ${p.reason}`,
  overlongQuote: (p: { path: string; line: number; limit: string }) => `${p.path} line ${p.line}: the row that starts on this line runs on past ${p.limit}: a quoted value in it never closes (unbalanced quote)`,
  overlongRow: (p: { path: string; line: number; row: number; column: number; name: string; limit: string; max: string }) =>
    `${p.path} line ${p.line} (row ${p.row}), column ${p.column} (${p.name}): the row runs on past ${p.limit}, far longer than a row of card fields can be (a field holds ${p.max} characters at most)`,
  overlongRowHint: 'a member\'s values are short: check that this is the file you meant, and that it is CSV text',
  emptyFile: (p: { path: string }) => `${p.path} is empty`,
  emptyFileHint: (p: { header: string }) => `the first row must be the header: ${p.header}`,

  // The header's columns.
  mapNoColumn: (p: { column: string; quoted: string }) => `--map ${p.column}=…: the file has no column ${p.quoted}`,
  itsColumnsHint: (p: { columns: string }) => `its columns are: ${p.columns}`,
  twoColumnsNamed: (p: { name: string }) => `the header has two columns named ${p.name}`,
  renameOneHint: 'rename one of them',
  unnamedColumn: (p: { column: number; letter: string }) => `the header's column ${p.column} (${p.letter}) has no name`,
  unnamedColumnHint: 'name it: a field name (user_uni_id, name, level, ...), or any name with --map <name>=<field> or --ignore-unknown-columns; or delete the column',
  ambiguousColumn: (p: { name: string; fields: string[] }) => `column ${p.name} could mean ${p.fields.join(' or ')}`,
  sayWhichHint: (p: { map: string }) => `say which: --map ${p.map}`,
  unknownColumns: (p: { count: number; names: string }) => `unknown column${p.count === 1 ? '' : 's'}: ${p.names}`,
  unknownColumnsHint: (p: { map: string; fields: string[] }) => `map each with --map ${p.map} (fields: ${p.fields.join(', ')}), or pass --ignore-unknown-columns`,
  mapSyntax: (p: { pair: string }) => `--map ${p.pair}: expected column=field, e.g. 手机号=member_cell`,
  mapTwice: (p: { column: string; first: string; second: string }) => `--map maps the column ${p.column} twice: to ${p.first} and to ${p.second}`,
  mapTwiceHint: 'a column fills one field: keep one of the two --map',
  mapNoField: (p: { pair: string; field: string }) => `--map ${p.pair}: no field named ${p.field}`,
  fieldsHint: (p: { fields: string[] }) => `fields: ${p.fields.join(', ')}`,
  mapAmbiguous: (p: { pair: string; field: string; fields: string[] }) => `--map ${p.pair}: ${p.field} could mean ${p.fields.join(' or ')}; name the path`,
  bothFill: (p: { first: string; second: string; path: string }) => `columns ${p.first} and ${p.second} both fill ${p.path}`,
  bothFillHint: 'keep one, or --map the other to a different field',
  /** Among the field names a message lists. */
  anyOpenFlag: 'or any card open flag name, e.g. member_cell',
  anyUpdateFlag: 'or any card update flag name',
  cardNumberNames: 'target_card_no (or biz_card_no, card_no)',
  reasonNames: 'reason_code (or reason)',

  // Columns an action cannot do without.
  noUserColumn: "no column for the user's Alipay user ID (card_user_info.user_uni_id)",
  noUserColumnHint: 'name a column user_uni_id, or --map <column>=user_uni_id',
  noTemplate: 'no card template: pass --template-id, or add a card_template_id column',
  noCardColumn: (p: { action: string }) => `no column for the card number (target_card_no): card batch --action ${p.action} names each row's card by it`,
  noCardColumnHint: 'name a column target_card_no (or biz_card_no, card_no), or --map <column>=target_card_no',
  noReason: 'no reason: pass --reason USER_UNBUND|CANCEL|PRESENT, or add a reason_code column',
} satisfies Entries);

export type BatchInputEntries = ReturnType<typeof entries>;
export const batchInputText = messages('batch-input', entries);
