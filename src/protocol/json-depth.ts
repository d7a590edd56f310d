/**
 * How deep JSON text nests, found without parsing it. JSON.parse itself copes with any depth, but
 * what walks the result afterwards (validation, JSON.stringify, rendering) recurses, and 5,000
 * nested arrays overflowed the stack: in the CLI an "internal error", in the local gateway a
 * retryable 20000 that made clients send an invalid request again. No Alipay request or answer
 * nests more than a handful of levels (card_ext_info.front_text_list[0].label is 3), so 64 is
 * generous for real content and far from any stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The position of the first `{` or `[` that opens a level deeper than `maxDepth`, or undefined when
 * the text stays within it. Brackets inside strings do not count; the text need not be valid JSON
 * (the caller parses it afterwards and reports its syntax).
 */
export function tooDeepAt(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}
