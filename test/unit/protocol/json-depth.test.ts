import { MAX_JSON_DEPTH, tooDeepAt } from '../../../src/protocol/index.js';

describe('tooDeepAt', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('lets a real biz_content through', () => {
    expect(tooDeepAt('{"card_ext_info":{"front_text_list":[{"label":"专业","value":"金融"}]}}')).toBeUndefined();
    expect(tooDeepAt(nested(MAX_JSON_DEPTH))).toBeUndefined();
  });

  it('finds the bracket that opens one level too many', () => {
    expect(tooDeepAt(nested(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    expect(tooDeepAt('{"a":{"b":[1]}}', 2)).toBe(10);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(tooDeepAt(`{"a":"${'['.repeat(100)}"}`)).toBeUndefined();
    expect(tooDeepAt(`{"a":"\\"${'{'.repeat(100)}"}`)).toBeUndefined();
    expect(tooDeepAt(`["\\\\",${nested(3)}]`, 3)).toBe(8);
  });
});
