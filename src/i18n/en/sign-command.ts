// `sign`: building and signing a request (or a raw string) without sending it, and the signing
// identity every command that calls the gateway uses.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** On stderr whenever a token was replaced in what is printed. */
  redactionNote: (p: { tokens: string[] }) => `note: ${p.tokens.join(' and ')} ${p.tokens.length === 1 ? 'is' : 'are'} printed as <redacted …> but signed with the real value, so the printed string to sign, params and URL are not byte-identical to what was signed`,
  methodRequired: 'sign: --method is required (or --content to sign a raw string)',
  methodRequiredHint: "e.g. alipay-card sign --method alipay.marketing.card.template.query --biz '{\"template_id\":\"...\"}'",
  localGatewayNote: 'local gateway: its address is chosen when it starts',
  tokenAsParam: (p: { name: string }) => `--param ${p.name}=…: a token is never accepted as a flag value (it would show in \`ps\` and in shell history)`,
  authTokenAsParamHint: "put the user's auth_token in a file and pass --auth-token-file <file>, or set ALIPAY_AUTH_TOKEN",
  appAuthTokenAsParamHint: 'set appAuthToken in the profile (alipay-card config init)',
  noAppId: 'no app_id: the profile has no appId',
  noAppIdParamHint: 'set appId in the config file, ALIPAY_APP_ID in the environment, or pass --param app_id=<id>',
  noAppIdHint: 'set appId in the config file or ALIPAY_APP_ID in the environment (--gateway local needs none)',

  bizNotObject: (p: { source: string; got: string }) => `${p.source}: biz_content must be a JSON object, got ${p.got}`,
  bizExampleHint: `e.g. --biz '{"template_id":"20170308000000000058101000300045"}'`,
  /** What a JSON value is, for `bizNotObject`. */
  jsonNull: 'null',
  jsonArray: 'an array',
  jsonScalar: (p: { type: string; value: string }) => `a ${p.type} (${p.value})`,
  jsonOther: (p: { type: string }) => `a ${p.type}`,
  badTimestamp: (p: { value: string }) => `--timestamp ${p.value} is not a valid time`,
  badTimestampHint: "use 'yyyy-MM-dd HH:mm:ss' (Asia/Shanghai), e.g. --timestamp '2024-05-01 09:30:00'",

  /** What a token file is, for the size limit of `--auth-token-file`. */
  authTokenFile: 'an auth_token file',
  tokenFileEmpty: (p: { flag: string; file: string }) => `${p.flag} ${p.file} is empty`,

  contentConflict: (p: { flags: string[] }) => `sign --content signs a raw string; ${p.flags.join(', ')} ${p.flags.length === 1 ? 'builds' : 'build'} a request and cannot go with it`,
  contentConflictHint: (p: { flags: string[] }) => `drop --content to sign a request, or drop ${p.flags.join(' and ')}`,
  contentUnencodable: (p: { codePoint: string; index: number; charset: string }) => `--content: character ${p.codePoint} at position ${p.index} cannot be encoded in ${p.charset}, the profile's charset`,
  loneSurrogateHint: 'the text is not valid Unicode (a lone surrogate)',
  contentUnencodableHint: 'remove the character, or sign in a profile with charset utf-8',

  // The tables of `sign` (and of any command's --dry-run): what would be sent.
  contentTitle: 'Content',
  signatureTitle: (p: { signType: string; charset: string }) => `Signature (${p.signType}, ${p.charset})`,
} satisfies Entries);

export type SignCommandEntries = ReturnType<typeof entries>;
export const signText = messages('sign-command', entries);
