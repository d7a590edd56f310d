import { transform } from 'esbuild';
import { runInNewContext } from 'node:vm';
// @ts-expect-error: a build script, plain JavaScript.
import { assignedAgain, exportsAtEnd, liveExports, staticCycle } from '../../../scripts/chunk-exports.mjs';

// The chunks' exports as values rather than esbuild's getters (scripts/chunk-exports.mjs): checked
// on esbuild's own CommonJS output of modules written for it, run as the loader runs a chunk.

/** esbuild's CommonJS form of an ES module, minified, as scripts/build.mjs makes a chunk's. */
async function commonJs(source: string): Promise<string> {
  return (await transform(source, { format: 'cjs', platform: 'node', target: 'node20.18', minify: true, charset: 'ascii', loader: 'js' })).code;
}

/** The module's exports, run with `require` answering `modules`. */
function run(code: string, modules: Record<string, unknown> = {}): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(`(function(exports,require,module){${code}\n})`)(module.exports, (id: string) => modules[id], module);
  return module.exports;
}

/** `chunks` (code by path, `./name` requires) as bundle() writes them: liveExports, then exportsAtEnd. */
function atEnd(chunks: Record<string, string>): Record<string, string> {
  const codes = new Map(Object.entries(chunks));
  const live = liveExports(codes, (_from: string, spec: string) => spec.replace('./', '')) as Map<string, Set<string>>;
  return Object.fromEntries(Object.entries(chunks).map(([path, code]) => [path, exportsAtEnd(code, path, live.get(path)) as string]));
}

describe('exportsAtEnd', () => {
  it('exports the same values as esbuild, as data properties, with no getter', async () => {
    const code = await commonJs(`
      export function add(a, b) { return a + b; }
      export class Point { constructor(x) { this.x = x; } }
      export const LIMIT = 128;
      export const names = ['a', 'b'];
      const hidden = 1;
      export { hidden as shown };`);
    const theirs = run(code);
    const ours = run(exportsAtEnd(code, 'test'));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const key of Object.keys(theirs)) {
      // Two runs, two instances of each function and class: the same code.
      const same = (value: unknown): unknown => (typeof value === 'function' ? String(value) : value);
      expect(same(ours[key])).toEqual(same(theirs[key]));
      expect(Object.getOwnPropertyDescriptor(ours, key)).toEqual(expect.objectContaining({ writable: true, enumerable: true }));
    }
    expect((ours.add as (a: number, b: number) => number)(2, 3)).toBe(5);
  });

  it('keeps a getter for a binding assigned again (a live binding), and it stays live', async () => {
    const code = await commonJs(`
      export let count = 0;
      export function bump() { count += 1; }
      export let last;
      export function remember(value) { last = value; }`);
    const ours = run(atEnd({ 'a.js': code })['a.js']!);
    (ours.bump as () => void)();
    (ours.bump as () => void)();
    (ours.remember as (value: string) => void)('x');
    expect([ours.count, ours.last]).toEqual([2, 'x']);
    expect(typeof Object.getOwnPropertyDescriptor(ours, 'count')?.get).toBe('function');
    expect(Object.getOwnPropertyDescriptor(ours, 'bump')?.get).toBeUndefined();
  });

  it('refuses, naming the chunk, an export name esbuild has to quote (__proto__, "a-b")', async () => {
    for (const source of [`const value = 1; export { value as __proto__ };`, `const value = 1; export { value as "a-b" };`]) {
      const code = await commonJs(source);
      expect(() => exportsAtEnd(code, 'odd-chunk.js')).toThrow(/odd-chunk\.js/);
    }
  });

  it('keeps a getter for another chunk\'s live export passed on, a value for its constant one', async () => {
    const built = atEnd({
      'a.js': await commonJs(`export let n = 0; export function bump() { n += 1; }`),
      'b.js': await commonJs(`export { n, bump } from './a.js';`),
    });
    const a = run(built['a.js']!);
    const b = run(built['b.js']!, { './a.js': a });
    (b.bump as () => void)();
    (b.bump as () => void)();
    expect([a.n, b.n]).toEqual([2, 2]);
    expect(typeof Object.getOwnPropertyDescriptor(b, 'n')?.get).toBe('function');
    expect(Object.getOwnPropertyDescriptor(b, 'bump')?.get).toBeUndefined();
  });

  it('keeps a getter for what it passes on from anything but a chunk (a package)', async () => {
    const built = atEnd({ 'b.js': await commonJs(`export { helper } from 'some-package';`) });
    const ours = run(built['b.js']!, { 'some-package': { helper: 1 } });
    expect([ours.helper, typeof Object.getOwnPropertyDescriptor(ours, 'helper')?.get]).toEqual([1, 'function']);
  });

  it('refuses a chunk that also passes on all of a package (export *): the object stays in use', async () => {
    const code = await commonJs(`export * from 'some-package'; export const a = 1;`);
    expect(() => exportsAtEnd(code, 'star-chunk.js')).toThrow(/star-chunk\.js/);
  });

  it('puts the exports on a line of their own when esbuild writes no note of them (a default only)', async () => {
    const code = `${await commonJs(`export default function hello() { return 'hi'; }`)}//! a licence comment, last`;
    expect(code).not.toContain('0&&(module.exports=');
    const ours = run(exportsAtEnd(code, 'default-chunk.js'));
    expect(Object.keys(ours)).toEqual(['default']);
    expect((ours.default as () => string)()).toBe('hi');
  });

  it('passes on what another chunk exports (a re-export) as its value', async () => {
    const code = await commonJs(`export { helper } from './other.js';`);
    const other = { helper: () => 'from other' };
    const ours = run(exportsAtEnd(code, 'test'), { './other.js': other });
    expect(ours.helper).toBe(other.helper);
  });

  it('keeps the columns of the code after esbuild\'s statement, for the source map', async () => {
    const code = await commonJs(`export function a() { return 1; } export function b() { return 2; } export const c = [a, b];`);
    const ours = exportsAtEnd(code, 'test');
    const tail = code.slice(code.indexOf('function'));
    expect(ours.indexOf(tail.slice(0, 30))).toBe(code.indexOf(tail.slice(0, 30)));
  });

  it('leaves a chunk that exports nothing as it is, and refuses a shape it does not know', async () => {
    const code = await commonJs(`console.log('side effect only');`);
    expect(exportsAtEnd(code, 'test')).toBe(code);
    expect(() => exportsAtEnd('module.exports=somethingElse;', 'odd.js')).toThrow(/odd\.js: esbuild's CommonJS exports/);
  });

  it.each([
    ['var a=1;a=2;', 'a', true],
    ['let a;function f(t){a=t}', 'a', true],
    ['var a=1;function f(a){a+=1}', 'a', false],
    ['var a=1;function f(){var a;a=2}', 'a', false],
    ['var a=1,b=a==1;', 'a', false],
    ['var a=1,b;[a,b]=[b,a];', 'a', true],
    ['function a(){}', 'a', false],
    ['function a(){}a=null;', 'a', true],
    ['var x=class{};', 'x', false],
    ['let n=0;function f(){n++}', 'n', true],
    ['var o={a:1};o.a=2;', 'o', false],
    ['var a=1;', 'undeclared', true],
  ])('%s: %s assigned again is %s', (code, local, expected) => {
    expect(assignedAgain(code)(local)).toBe(expected);
  });
});

describe('staticCycle', () => {
  const resolve = (_from: string, spec: string): string => spec.replace('./', '');

  it('finds chunks requiring each other as they load', () => {
    const chunks = new Map([
      ['a.js', 'var b=require("./b.js");'],
      ['b.js', 'var c=require("./c.js");'],
      ['c.js', 'var a=require("./a.js");'],
    ]);
    expect(staticCycle(chunks, resolve)).toEqual(['a.js', 'b.js', 'c.js', 'a.js']);
  });

  it('does not count a require run later (an import() of a chunk), nor built-ins and packages', () => {
    const chunks = new Map([
      ['a.js', 'var b=require("./b.js"),fs=require("node:fs"),x=require("commander");'],
      ['b.js', 'function go(){return Promise.resolve().then(()=>require("./a.js"))}'],
    ]);
    expect(staticCycle(chunks, resolve)).toBeUndefined();
  });
});
