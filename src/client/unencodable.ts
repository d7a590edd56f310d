import { canEncode, type Charset } from '../protocol/index.js';
import { UnencodableTextError } from '../protocol/charset.js';
import { UsageError } from '../errors.js';
import { clientErrorsText } from '../i18n/en/client-errors.js';
import type { Text } from '../i18n/text.js';

/**
 * The usage error for text the request charset cannot encode, naming the param or biz_content
 * field that holds the character: the user fixes an input, not the tool. `params` are the values
 * before encryption (biz_content as the JSON the user gave).
 */
export function unencodableInput(err: UnencodableTextError, params: Readonly<Record<string, string>>): UsageError {
  const where = locate(params, err.charset) ?? clientErrorsText.inTheRequest();
  const shown = err.character.length > 0 && !/[\p{Cs}\p{Cc}]/u.test(err.character) ? `'${err.character}' (${err.codePoint})` : err.codePoint;
  return new UsageError(clientErrorsText.unencodable({ where, character: shown, charset: err.charset }), {
    hint: err.charset === 'utf-8' ? clientErrorsText.notUnicodeHint() : clientErrorsText.removeCharacterHint({ charset: err.charset }),
    cause: err,
  });
}

function locate(params: Readonly<Record<string, string>>, charset: Charset): Text | string | undefined {
  for (const [name, value] of Object.entries(params)) {
    if (canEncode(value, charset)) continue;
    if (name !== 'biz_content') return clientErrorsText.inParam({ name });
    let biz: unknown;
    try {
      biz = JSON.parse(value);
    } catch {
      return 'biz_content';
    }
    const path = pathOfUnencodable(biz, '', charset);
    return path ? clientErrorsText.inBizContentField({ path }) : 'biz_content';
  }
  return undefined;
}

/** The dotted path (`member_ext_info.name`, `front_text_list[0].label`) of the first value or key that does not encode. */
function pathOfUnencodable(value: unknown, path: string, charset: Charset): Text | string | undefined {
  if (typeof value === 'string') return canEncode(value, charset) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, v])
    : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v]);
  for (const [childPath, child] of entries) {
    const found = pathOfUnencodable(child, childPath, charset);
    if (found !== undefined) return found;
  }
  // The character may be in a key rather than a value.
  return Array.isArray(value) || Object.keys(value).every((k) => canEncode(k, charset)) ? undefined : path || clientErrorsText.aKey();
}

