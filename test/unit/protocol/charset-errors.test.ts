import { encodeText, ProtocolError } from '../../../src/protocol/index.js';
import { UnencodableTextError } from '../../../src/protocol/charset.js';

describe('UnencodableTextError', () => {
  it.each([
    ['张三😀', 'gbk', '😀', 'U+1F600', 2],
    ['朱镕基', 'gb2312', '镕', 'U+9555', 1],
    ['a\uD800b', 'utf-8', '\uD800', 'U+D800', 1],
  ] as const)('%s in %s names the character, its code point and position', (text, charset, character, codePoint, index) => {
    let thrown: unknown;
    try {
      encodeText(text, charset);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UnencodableTextError);
    expect(thrown).toBeInstanceOf(ProtocolError);
    expect(thrown).toMatchObject({ code: 'unencodable-text', character, codePoint, index, charset });
  });
});
