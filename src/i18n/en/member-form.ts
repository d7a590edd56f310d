// `form set`, `form link`, `form query` and `member token` as a person reads them: their flags'
// errors, notes on stderr and their tables. --json prints the gateway's answer and is not here.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** What a token file holds, in `… is larger than 4 KiB, the most read for <what>`. */
  authCodeFile: 'an auth code file',
  refreshTokenFile: 'a refresh token file',
  unknownFields: (p: { flag: string; fields: string; count: number }) => `${p.flag}: unknown form field${p.count === 1 ? '' : 's'} ${p.fields}`,
  unknownFieldsHint: (p: { names: string }) => `the fields are ${p.names} (or their OPEN_FORM_FIELD_* values)`,
  requiredEmpty: '--required: the form needs at least one required field',
  requiredEmptyHint: 'e.g. --required mobile,name',
  requiredAndOptional: (p: { fields: string }) => `${p.fields}: a field is either required or optional, not both`,
  givenTwice: (p: { fields: string }) => `${p.fields} given twice`,
  tooManyFields: (p: { count: number }) => `${p.count} fields: a form has at most 20`,
  setOnceNote: 'note: set the form once per template: setting it again makes members who already hold the card see the form again instead of their card',
  /** `where`: how the table says the answer came from the local gateway, or ''. */
  formSetTitle: (p: { where: string }) => `✓ Sign-up form set${p.where ? ` ${p.where}` : ''}`,
  none: '(none)',
  callbackRequired: '--callback is required: the URL Alipay sends the member to once the form is submitted (member serve listens there)',
  callbackInvalid: (p: { callback: string; problem: string }) => `--callback ${p.callback}: ${p.problem}`,
  outStringTooLong: (p: { length: number }) => `--out-string: at most 256 characters (it has ${p.length})`,
  qrOutExtension: (p: { file: string }) => `--qr-out ${p.file}: name it .png or .svg`,
  qrWritten: (p: { file: string }) => `QR code of the link written to ${p.file}`,
  requestIdRequired: '--request-id is required: the request_id the callback brought with the auth_code',
  authTokenRequired: "the member's auth_token is required: --auth-token-file <file> (as `member token --out` writes it) or env ALIPAY_AUTH_TOKEN",
  formQueryTitle: (p: { requestId: string; where: string }) => `Sign-up form of request ${p.requestId}${p.where ? ` ${p.where}` : ''}`,
  tokenSourceOne: 'give one of --code-file <file> (the auth_code the callback brought) or --refresh-token-file <file>',
  tokenOutRequired: '--out <file> is required: the access token is written there (0600), never printed to a terminal',
  tokenOutRequiredHint: 'or --json to print the answer, tokens and all',
  accessTokenLabel: 'access token',
  refreshTokenLabel: 'refresh token',
  tokenIn: (p: { file: string; seconds: string }) => `in ${p.file} (expires in ${p.seconds} s)`,
  refreshNotKept: 'not kept (--refresh-out <file> keeps it)',
  memberTokenTitle: (p: { where: string }) => `✓ Member token${p.where ? ` ${p.where}` : ''}`,
} satisfies Entries);

export type MemberFormEntries = ReturnType<typeof entries>;
export const memberFormText = messages('member-form', entries);
