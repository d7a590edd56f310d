import { CHARSETS, decodeText, encodeText, normalizeCharset, ProtocolError } from '../../../src/protocol/index.js';

describe('normalizeCharset', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['Utf8', 'utf-8'],
    ['GBK', 'gbk'],
    ['gbk', 'gbk'],
    ['GB2312', 'gb2312'],
    [' gb2312 ', 'gb2312'],
  ])('%j → %s', (value, charset) => {
    expect(normalizeCharset(value)).toBe(charset);
  });

  it.each(['latin1', 'gb18030', 'utf-16', 'utf_8', ''])('%j is not supported', (value) => {
    expect(normalizeCharset(value)).toBeUndefined();
  });

  it('lists the supported charsets', () => {
    expect(CHARSETS).toEqual(['utf-8', 'gbk', 'gb2312']);
  });
});

describe('encodeText / decodeText', () => {
  it.each([
    ['中文', 'utf-8', 'e4b8ade69687'],
    ['中文', 'gbk', 'd6d0cec4'],
    ['中文', 'gb2312', 'd6d0cec4'],
    ['“开卡”，', 'gbk', 'a1b0bfaabfa8a1b1a3ac'],
    ['a?b', 'gbk', '613f62'],
  ] as const)('%s in %s is %s (iconv)', (text, charset, hex) => {
    expect(encodeText(text, charset).toString('hex')).toBe(hex);
    expect(decodeText(Buffer.from(hex, 'hex'), charset)).toBe(text);
  });

  it('decodes from a Uint8Array view with an offset', () => {
    const bytes = new Uint8Array(Buffer.from('xx中文', 'utf8')).subarray(2);
    expect(decodeText(bytes, 'utf-8')).toBe('中文');
  });

  it('keeps a leading BOM as content', () => {
    expect(decodeText(Buffer.from('\uFEFFa', 'utf8'), 'utf-8')).toBe('\uFEFFa');
  });

  it.each([
    ['an emoji', '张三😀', 'gbk', /U\+1F600 at position 2 cannot be encoded in gbk/],
    ['a GBK-only character', '朱镕基', 'gb2312', /U\+9555 at position 1 cannot be encoded in gb2312/],
    ['a lone surrogate', 'a\uD800b', 'utf-8', /U\+D800 at position 1 cannot be encoded in utf-8/],
    ['a lone low surrogate after a pair', '😀\uDC00', 'utf-8', /U\+DC00 at position 2 cannot be encoded in utf-8/],
    ['a high surrogate at the end', 'ab\uDBFF', 'utf-8', /U\+DBFF at position 2 cannot be encoded in utf-8/],
  ] as const)('refuses %s rather than writing "?" or U+FFFD', (_what, text, charset, message) => {
    expect(() => encodeText(text, charset)).toThrow(
      expect.objectContaining({ code: 'unencodable-text', message: expect.stringMatching(message) }),
    );
  });

  it('writes a surrogate pair in utf-8 as its one character', () => {
    expect(encodeText('a😀', 'utf-8').toString('hex')).toBe('61f09f9880');
  });

  it('accepts GBK-only characters in gbk', () => {
    expect(encodeText('朱镕基', 'gbk').toString('hex')).toBe('d6ece946bbf9');
  });

  it('refuses an unknown charset name passed from untyped code', () => {
    expect(() => encodeText('x', 'latin1' as never)).toThrow(ProtocolError);
  });
});
