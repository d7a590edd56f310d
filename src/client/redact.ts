import { bodyText, type SignedRequest } from './request.js';

/**
 * Request params that are credentials of the user or the merchant. They are signed as they are but
 * never printed: not on stdout, not in --verbose logs, not in results files.
 */
export const SECRET_PARAMS: readonly string[] = ['auth_token', 'app_auth_token', 'refresh_token', 'code', 'auth_code'];

/** Members of an answer that are the member's credentials (alipay.system.oauth.token's): never shown in logs. */
const SECRET_MEMBERS = ['access_token', 'refresh_token', 'auth_token'];
const SECRET_MEMBER = new RegExp(`"(${SECRET_MEMBERS.join('|')})":"[^"]*"`, 'g');

export function redactedMarker(name: string): string {
  return `<redacted ${name}>`;
}

// `name=value` wherever it stands: in a string to sign, a URL's query, or free text such as the
// gateway's sub_msg quoting its own string to sign. A value ends where a param, a word, a JSON
// string or an HTML entity would; an already redacted value is matched whole, so redacting twice
// changes nothing. The look-behind keeps `auth_token` from matching inside `app_auth_token`.
const SECRET_ASSIGNMENT = new RegExp(`(?<![A-Za-z0-9_])(${SECRET_PARAMS.join('|')})=(<redacted [a-z_]+>|[^&\\s"'\\\\<]*)`, 'g');

/**
 * Text with every `auth_token=...` / `app_auth_token=...` value replaced by its marker. The one
 * redaction for anything shown: our string to sign, the gateway's, logs. Two strings redacted by it
 * compare equal exactly when they differ only in secret values.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(SECRET_ASSIGNMENT, (_whole, name: string) => `${name}=${redactedMarker(name)}`)
    .replace(SECRET_MEMBER, (_whole, name: string) => `"${name}":"${redactedMarker(name)}"`);
}

/** A signed request as `--json` prints it (sign, and the dry runs): redact it first. */
export function requestJson(request: SignedRequest): string {
  const { signContent, sign, params, url } = request;
  return JSON.stringify({ signContent, sign, params, url, body: bodyText(request) });
}

/**
 * The request as it may be shown: secret param values replaced wherever they appear. Logs also
 * hide the signature (`sign: true`): a valid signature over a token-bearing request is replayable.
 */
export function redactRequest(request: SignedRequest, options: { sign?: boolean } = {}): SignedRequest {
  const names = options.sign ? [...SECRET_PARAMS, 'sign'] : SECRET_PARAMS;
  const secrets = names.filter((name) => request.params[name]);
  if (secrets.length === 0) return request;
  const params = { ...request.params };
  let { signContent, url } = request;
  for (const name of secrets) {
    // The exact value first: it holds whatever characters the token has, where the pattern guesses.
    signContent = signContent.replace(`${name}=${params[name]}`, `${name}=${redactedMarker(name)}`);
    params[name] = redactedMarker(name);
    url = url.replace(new RegExp(`([?&]${name}=)[^&]*`), `$1${encodeURIComponent(redactedMarker(name))}`);
  }
  return { ...request, params, signContent: redactSecrets(signContent), url, sign: options.sign ? redactedMarker('sign') : request.sign };
}

/**
 * A mainland mobile number (11 digits from 13 to 19, with or without +86 or 86 before them) is a
 * member's personal data: a log shows it as member serve's lines do, `136****6666`, in whatever it
 * stands (a card request's `cell`, a sign-up form's answers, a URL-encoded body). Not digits inside
 * a longer run or a word (a card number `VIP15712348326`, `EXT13912345678`): a letter or digit
 * before them, but for the last of a `%22`-style escape, means they are not a phone number.
 */
const MOBILE = /(?<!(?<!%[0-9A-Fa-f])[0-9A-Za-z])((?:\+|%2B)?86)?(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskMobileNumbers(text: string): string {
  return text.replace(MOBILE, (_whole, country: string | undefined, head: string, tail: string) => `${country ?? ''}${head}****${tail}`);
}
