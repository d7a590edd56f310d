import { canEncode, type Charset } from '../protocol/index.js';
import { UnencodableTextError } from '../protocol/charset.js';
import { UsageError } from '../errors.js';

/**
 * The usage error for text the request charset cannot encode, naming the param or biz_content
 * field that holds the character: the user fixes an input, not the tool. `params` are the values
 * before encryption (biz_content as the JSON the user gave).
 */
export function unencodableInput(err: UnencodableTextError, params: Readonly<Record<string, string>>): UsageError {
  const where = locate(params, err.charset) ?? 'the request';
  const shown = err.character.length > 0 && !/[\p{Cs}\p{Cc}]/u.test(err.character) ? `'${err.character}' (${err.codePoint})` : err.codePoint;
  return new UsageError(`${where}: character ${shown} cannot be encoded in ${err.charset}, the profile's charset`, {
    hint: err.charset === 'utf-8'
      ? 'the text is not valid Unicode (a lone surrogate): check how the input was encoded'
      : `remove the character, or set charset to utf-8 in the profile (or ALIPAY_CHARSET=utf-8)${err.charset === 'gb2312' ? '; gbk also has more characters than gb2312' : ''}`,
    cause: err,
  });
}

function locate(params: Readonly<Record<string, string>>, charset: Charset): string | undefined {
  for (const [name, value] of Object.entries(params)) {
    if (canEncode(value, charset)) continue;
    if (name !== 'biz_content') return `param ${name}`;
    let biz: unknown;
    try {
      biz = JSON.parse(value);
    } catch {
      return 'biz_content';
    }
    const path = pathOfUnencodable(biz, '', charset);
    return path ? `biz_content ${path}` : 'biz_content';
  }
  return undefined;
}

/** The dotted path (`member_ext_info.name`, `front_text_list[0].label`) of the first value or key that does not encode. */
function pathOfUnencodable(value: unknown, path: string, charset: Charset): string | undefined {
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
  return Array.isArray(value) || Object.keys(value).every((k) => canEncode(k, charset)) ? undefined : path || '(a key)';
}

