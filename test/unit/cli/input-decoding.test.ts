import { decodeInput } from '../../../src/cli/input.js';
import { declaredCharset } from '../../../src/cli/commands/verify-notify.js';

// GBK bytes from Python's gbk codec: 张三 D5C5 C8FD, 专业 D7A8 D2B5 (valid UTF-8 for רҵ),
// 路 C2B7 (valid UTF-8 for ·, which GBK has too), 镕 E946 (GBK, not GB2312).
const hex = (h: string) => Buffer.from(h.replace(/ /g, ''), 'hex');
const zhangSanGbk = Buffer.concat([Buffer.from('{"n":"'), hex('d5c5 c8fd'), Buffer.from('"}')]);

describe('decodeInput: UTF-8 when it is UTF-8, else the charset in use', () => {
  it('UTF-8 for a UTF-8 profile; a BOM is dropped', () => {
    expect(decodeInput(Buffer.from('{"n":"张三"}'), 'utf-8')).toEqual({ ok: true, text: '{"n":"张三"}' });
    expect(decodeInput(Buffer.concat([hex('efbbbf'), Buffer.from('a')]), 'utf-8')).toEqual({ ok: true, text: 'a' });
  });

  it('GBK bytes for a GBK profile are read as GBK', () => {
    expect(decodeInput(zhangSanGbk, 'gbk')).toEqual({ ok: true, text: '{"n":"张三"}' });
    expect(decodeInput(zhangSanGbk, 'gb2312')).toEqual({ ok: true, text: '{"n":"张三"}' });
  });

  it('a UTF-8 file for a GBK profile is read as UTF-8, its GBK reading kept as the alternative', () => {
    // E5BCA0 E4B889 (张三 in UTF-8) is also valid GBK: 寮犱笁.
    expect(decodeInput(Buffer.from('张三'), 'gbk')).toEqual({ ok: true, text: '张三', alternative: '寮犱笁' });
  });

  it('GBK that passes for UTF-8 GBK cannot encode is read as GBK', () => {
    expect(decodeInput(hex('d7a8 d2b5'), 'gbk')).toEqual({ ok: true, text: '专业' });
  });

  it('GBK that passes for UTF-8 GBK can encode: UTF-8 first, GBK as the alternative', () => {
    expect(decodeInput(hex('c2b7'), 'gbk')).toEqual({ ok: true, text: '·', alternative: '路' });
  });

  it('a UTF-8 BOM means UTF-8 even for a GBK profile', () => {
    expect(decodeInput(Buffer.concat([hex('efbbbf'), Buffer.from('张三')]), 'gbk')).toEqual({ ok: true, text: '张三' });
  });

  it('GBK bytes for a UTF-8 profile: the offset of the first byte that is not UTF-8', () => {
    expect(decodeInput(zhangSanGbk, 'utf-8')).toEqual({ ok: false, charsets: ['utf-8'], offset: 6 });
    // After a BOM and a valid multi-byte character, offsets count bytes.
    expect(decodeInput(Buffer.concat([hex('efbbbf'), Buffer.from('张'), hex('ff')]), 'utf-8')).toEqual({ ok: false, charsets: ['utf-8'], offset: 6 });
  });

  it('neither UTF-8 nor the charset: the offset where the charset breaks', () => {
    expect(decodeInput(Buffer.concat([Buffer.from('ab'), hex('d5c5 ff')]), 'gbk')).toEqual({ ok: false, charsets: ['utf-8', 'gbk'], offset: 4 });
    // 镕 is GBK but not GB2312 (EUC-CN): a gb2312 gateway would not read it.
    expect(decodeInput(Buffer.concat([Buffer.from('x'), hex('e946')]), 'gb2312')).toEqual({ ok: false, charsets: ['utf-8', 'gb2312'], offset: 1 });
  });
});

describe('declaredCharset: the charset a notification names, read from its bytes', () => {
  it.each([
    ['a=1&charset=gbk&sign=x', 'gbk'],
    ['charset=GB2312&b=2', 'GB2312'],
    ['https://example.com/notify?x=1&charset=utf-8', 'utf-8'],
    ['?charset=gbk&x=1', 'gbk'],
    ['charset=utf-8&charset=gbk', 'utf-8'],
    ['a=1&xcharset=gbk', undefined],
    ['a=1&charset=', undefined],
    ['{"charset": "gbk", "sign": "x"}', 'gbk'],
    ['{"params":{"subject":"\\"charset\\":\\"x\\"","charset":"utf-8"}}', 'utf-8'],
  ])('%s → %s', (text, expected) => {
    expect(declaredCharset(Buffer.from(text))).toBe(expected);
  });

  it('inside raw GBK values: & and " are never GBK trail bytes', () => {
    const body = Buffer.concat([Buffer.from('subject='), hex('d5c5 c8fd'), Buffer.from('&charset=gbk')]);
    expect(declaredCharset(body)).toBe('gbk');
  });
});
