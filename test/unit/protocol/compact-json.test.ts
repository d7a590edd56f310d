import { compactJson } from '../../../src/protocol/index.js';

describe('compactJson: the text as written, minus whitespace between tokens', () => {
  it.each([
    ['{ "a" : 1 ,\n\t"b":[ 1 , 2 ],\r\n"c":{ } }', '{"a":1,"b":[1,2],"c":{}}'],
    // What a parse/stringify round trip would change stays as written.
    ['{"n": 12345678901234567890}', '{"n":12345678901234567890}'],
    ['{"f": 1.0, "e": 1E+2, "z": -0}', '{"f":1.0,"e":1E+2,"z":-0}'],
    ['{"s": "\\u4e2d\\/ \\" } { , : "}', '{"s":"\\u4e2d\\/ \\" } { , : "}'],
    // Whitespace inside strings is content.
    ['{"s": " a \\t b\\n "}', '{"s":" a \\t b\\n "}'],
    ['{"s":"\\\\"}', '{"s":"\\\\"}'],
    ['\n{"a":"张三"}\n', '{"a":"张三"}'],
  ])('%j → %j', (input, expected) => {
    expect(compactJson(input)).toEqual({ json: expected });
  });

  it('equals JSON.stringify(JSON.parse(x)) where no token needs re-serialising', () => {
    const text = JSON.stringify({ a: [1, { b: 'x y', c: [true, false, null] }], d: { e: { f: '专业' } } }, null, 2);
    expect(compactJson(text).json).toBe(JSON.stringify(JSON.parse(text)));
  });

  it.each([
    ['{"a":1,"a":2}', { key: 'a', path: '' }],
    ['{"a":1,"\\u0061":2}', { key: 'a', path: '' }],
    ['{"m":{"x":1,"y":{"x":2},"x":3}}', { key: 'x', path: 'm' }],
    ['{"l":[{"k":1},{"j":{"k":[0,{"q":1,"q":2}]}}]}', { key: 'q', path: 'l[1].j.k[1]' }],
    ['{"a":{"k":1},"b":{"k":1},"a":2}', { key: 'a', path: '' }],
  ])('reports the first key given twice in one object: %s', (input, duplicateKey) => {
    expect(compactJson(input).duplicateKey).toMatchObject(duplicateKey);
  });

  it('lists every key given twice, each with its object as keys and indexes (a config reports them all)', () => {
    expect(compactJson('{"p":{"my prod":{"g":1,"g":2,"a":1,"a":2}},"l":[{"x":1,"x":1}],"p":0}').duplicateKeys).toEqual([
      { key: 'g', path: 'p.my prod', at: ['p', 'my prod'] },
      { key: 'a', path: 'p.my prod', at: ['p', 'my prod'] },
      { key: 'x', path: 'l[0]', at: ['l', 0] },
      { key: 'p', path: '', at: [] },
    ]);
  });

  it('the same key in different objects is no duplicate', () => {
    expect(compactJson('{"a":{"k":1},"b":{"k":1},"c":[{"k":1},{"k":2}]}').duplicateKey).toBeUndefined();
  });
});
