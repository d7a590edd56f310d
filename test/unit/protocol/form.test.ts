import { encodeForm, parseForm, parseFormPairs, type Charset } from '../../../src/protocol/index.js';

describe('encodeForm', () => {
  it.each([
    ['中', 'gbk', '%D6%D0'],
    ['中', 'gb2312', '%D6%D0'],
    ['中', 'utf-8', '%E4%B8%AD'],
    ['a b', 'utf-8', 'a+b'],
    ['*-_.', 'utf-8', '*-_.'],
    ['AZaz09', 'utf-8', 'AZaz09'],
    ["~!'()", 'utf-8', '%7E%21%27%28%29'],
    ['&=+%/?#', 'utf-8', '%26%3D%2B%25%2F%3F%23'],
    ['{"a":"1"}', 'utf-8', '%7B%22a%22%3A%221%22%7D'],
    ['\n', 'utf-8', '%0A'],
    ['😀', 'utf-8', '%F0%9F%98%80'],
    ['张三', 'gbk', '%D5%C5%C8%FD'],
  ] as const)('%j in %s → %s', (text, charset, encoded) => {
    expect(encodeForm({ k: text }, charset)).toBe(`k=${encoded}`);
  });

  it('skips null and undefined, keeps empty values and insertion order, encodes keys too', () => {
    expect(encodeForm({ z: '1', a: null, 'b c': '', d: undefined, 键: '值' }, 'utf-8')).toBe('z=1&b+c=&%E9%94%AE=%E5%80%BC');
  });

  it('is empty for no params', () => {
    expect(encodeForm({}, 'utf-8')).toBe('');
  });
});

describe('parseForm', () => {
  it.each(['utf-8', 'gbk', 'gb2312'] as const)('round-trips Chinese and every ASCII character in %s', (charset: Charset) => {
    let ascii = '';
    for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
    const params = { subject: '语雀空间 500人规模', biz_content: '{"name":"张三","memo":"a&b=c+d%2F"}', ascii, empty: '' };
    expect(parseForm(encodeForm(params, charset), charset)).toEqual(params);
  });

  it('decodes + as space, %20 as space and hex in either case', () => {
    expect(parseForm('a=x+y%20z&b=%e4%b8%ad%E6%96%87', 'utf-8')).toEqual({ a: 'x y z', b: '中文' });
  });

  it('decodes GBK byte pairs together', () => {
    expect(parseForm('subject=%D5%C5%C8%FD', 'gbk')).toEqual({ subject: '张三' });
  });

  it('reads characters left unescaped (a hand-made form) as text, between escaped bytes', () => {
    expect(parseForm('a=张%C8%FD+x&b=中%CE%C4+1', 'gbk')).toEqual({ a: '张三 x', b: '中文 1' });
    expect(parseForm('a=张%E4%B8%89+x&b=é%41', 'utf-8')).toEqual({ a: '张三 x', b: 'éA' });
  });

  it('keeps the last of duplicate keys, takes a bare key as empty and ignores empty fields', () => {
    expect(parseForm('a=1&&b&a=2&c=', 'utf-8')).toEqual({ a: '2', b: '', c: '' });
  });

  it('parseFormPairs keeps every field of a repeated key, in body order, for callers that must see the repeat', () => {
    expect(parseFormPairs('a=1&&b&a=%E4%B8%AD&c=', 'utf-8')).toEqual([['a', '1'], ['b', ''], ['a', '中'], ['c', '']]);
  });

  it('splits each field at its first =', () => {
    expect(parseForm('sign=abc==&x=a=b', 'utf-8')).toEqual({ sign: 'abc==', x: 'a=b' });
  });

  it('treats __proto__ as an ordinary key', () => {
    const parsed = parseForm('__proto__=x&a=1', 'utf-8');
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(parsed['__proto__']).toBe('x');
  });

  it.each([
    ['a=%zz', "malformed %-escape \"%zz\" at position 2: '%' must be followed by two hex digits"],
    ['a=1&b=x%4', 'malformed %-escape "%4" at position 7'],
    ['ok=1&k%=v', 'malformed %-escape "%" at position 6'],
    ['a=%', 'malformed %-escape "%" at position 2'],
  ])('refuses %j, saying where', (body, message) => {
    expect(() => parseForm(body, 'utf-8')).toThrow(expect.objectContaining({ code: 'malformed-form', message: expect.stringContaining(message) }));
  });
});
