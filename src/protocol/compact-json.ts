/**
 * biz_content as the user wrote it, minus the whitespace between tokens. A JSON.parse/stringify
 * round trip would change what gets signed and sent: integers past 2^53 lose digits
 * (12345678901234567890 → 12345678901234567000), `1.0` becomes `1`, `\u4e2d` becomes 中, and of two
 * equal keys one vanishes. Here every token is kept byte for byte, and a repeated key is reported
 * (which value would the gateway read?) rather than dropped.
 */
import { skipString, skipWhitespace } from './json-scanner.js';

interface CompactedJson {
  /** The text with whitespace outside strings removed. */
  json: string;
  /** The first key that appears twice in one object, and the path of that object ('' at the top). */
  duplicateKey?: DuplicateKey;
  /** Every key that appears again in its object, in the order of the text (the first is duplicateKey). */
  duplicateKeys?: DuplicateKey[];
}

export interface DuplicateKey {
  key: string;
  /** The object's path: `card_ext_info.front_text_list[0]`, '' at the top. */
  path: string;
  /** The same path as keys and indexes, for a caller that writes paths its own way. */
  at: Array<string | number>;
}

interface Frame {
  /** Keys seen so far in an object; undefined for an array. */
  keys: Set<string> | undefined;
  /** The member being read: its key in an object, its index in an array. */
  at: string | number;
  expectKey: boolean;
}

/**
 * Compacts JSON text that is known to be valid (the caller has parsed it): whitespace between
 * tokens goes, everything else stays as written.
 */
export function compactJson(text: string): CompactedJson {
  let json = '';
  const stack: Frame[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const afterSpace = skipWhitespace(text, i);
    if (afterSpace > i) {
      json += text.slice(runStart, i);
      runStart = afterSpace;
      i = afterSpace - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    const top = stack.at(-1);
    switch (c) {
      case 0x22 /* " */: {
        const end = skipString(text, i);
        if (top?.keys !== undefined && top.expectKey) {
          const key = JSON.parse(text.slice(i, end)) as string;
          if (top.keys.has(key)) duplicateKeys.push({ key, path: pathOf(stack.slice(0, -1)), at: stack.slice(0, -1).map((frame) => frame.at) });
          top.keys.add(key);
          top.at = key;
        }
        i = end - 1;
        break;
      }
      case 0x7b /* { */:
        stack.push({ keys: new Set(), at: '', expectKey: true });
        break;
      case 0x5b /* [ */:
        stack.push({ keys: undefined, at: 0, expectKey: false });
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        stack.pop();
        break;
      case 0x3a /* : */:
        if (top) top.expectKey = false;
        break;
      case 0x2c /* , */:
        if (top?.keys !== undefined) top.expectKey = true;
        else if (top) top.at = (top.at as number) + 1;
        break;
    }
  }
  json += text.slice(runStart);
  return duplicateKeys.length === 0 ? { json } : { json, duplicateKey: duplicateKeys[0]!, duplicateKeys };
}

/** `member_ext_info`, `card_ext_info.front_text_list[0]`. */
function pathOf(frames: readonly Frame[]): string {
  let path = '';
  for (const frame of frames) {
    if (typeof frame.at === 'number') path += `[${frame.at}]`;
    else path += path === '' ? frame.at : `.${frame.at}`;
  }
  return path;
}
