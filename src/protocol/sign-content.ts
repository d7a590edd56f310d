/** Request params as they go into the string to sign; null/undefined mean "not sent". */
export type Params = Readonly<Record<string, string | null | undefined>>;

/**
 * "Blank" as the gateway's Java SDK means it (StringUtils.isEmpty → Character.isWhitespace): every
 * UTF-16 unit one of \t \n \v \f \r, U+001C–U+0020, U+1680, U+2000–U+2006, U+2008–U+200A, U+2028,
 * U+2029, U+205F, U+3000. The no-break spaces U+00A0, U+2007 and U+202F are content, not blank, so
 * they must stay in. A loop, not a regular expression: V8 compiles a regular expression on its
 * first use, in every run (`sign`'s start-up), and the loop stops at the first character of a value.
 */
export function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isWhitespaceUnit(value.charCodeAt(i))) return false;
  return true;
}

function isWhitespaceUnit(c: number): boolean {
  if (c <= 0x20) return (c >= 0x09 && c <= 0x0d) || c >= 0x1c;
  if (c < 0x1680) return false;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a && c !== 0x2007) || c === 0x2028 || c === 0x2029 || c === 0x205f || c === 0x3000;
}

/**
 * The request string to sign: params minus `omit`, minus blank values, sorted by key, joined as
 * `k=v&k=v` with no URL-encoding, e.g. `{method: 'a.b', app_id: '1', sign: 'x', x: ''}` →
 * `app_id=1&method=a.b`.
 */
export function buildSignContent(params: Params, omit: readonly string[] = ['sign']): string {
  const pairs: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || isBlank(value) || isBlank(key) || omit.includes(key)) continue;
    pairs.push([key, value]);
  }
  return joinSorted(pairs);
}

/** `k=v` pairs sorted by key in UTF-8 byte order, joined with `&`, values untouched. */
export function joinSorted(pairs: Array<readonly [string, string]>): string {
  pairs.sort((a, b) => compareUtf8(a[0], b[0]));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/**
 * UTF-8 byte order, which is code point order. JS's default sort compares UTF-16 units instead;
 * the two disagree only when one side has a character above U+FFFF (a surrogate, D800–DFFF) and
 * the other a character in U+E000–U+FFFF at the first difference.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}

function rank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
