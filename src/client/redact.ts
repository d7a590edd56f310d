import type { SignedRequest } from './request.js';

/**
 * Request params that are credentials of the user or the merchant. They are signed as they are but
 * never printed: not on stdout, not in --verbose logs, not in results files.
 */
export const SECRET_PARAMS: readonly string[] = ['auth_token', 'app_auth_token'];

export function redactedMarker(name: string): string {
  return `<redacted ${name}>`;
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
    const value = params[name]!;
    params[name] = redactedMarker(name);
    signContent = signContent.replace(`${name}=${value}`, `${name}=${redactedMarker(name)}`);
    url = url.replace(new RegExp(`([?&]${name}=)[^&]*`), `$1${encodeURIComponent(redactedMarker(name))}`);
  }
  return { ...request, params, signContent, url, sign: options.sign ? redactedMarker('sign') : request.sign };
}
