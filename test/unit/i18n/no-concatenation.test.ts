import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

// A message is one catalogue entry, whole: word order differs between English and Chinese, so a
// sentence glued from translated pieces (`${local(a)} ${local(b)}`, local(a) + b, [local(a), b].join)
// reads wrong in one of them. Pieces go in as parameters of one entry instead (its Text params are
// rendered in the same language). This walks every source file outside src/i18n and fails on a
// call of local() inside a template literal, a `+`, or an array that is joined.

const root = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path.endsWith(join('src', 'i18n')) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function callsLocal(node: ts.Node): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'local') return true;
  // A function written inside (a callback) is its own expression, not a piece of this one.
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  return ts.forEachChild(node, callsLocal) ?? false;
}

function gluedIn(file: string): string[] {
  const text = readFileSync(file, 'utf-8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const report = (node: ts.Node, how: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(root, file)}:${line + 1}: local() ${how}: ${node.getText().slice(0, 100)}`);
  };
  // One report per expression: the outermost glue, not each `+` of a chain.
  const visit = (node: ts.Node): void => {
    if (ts.isTemplateExpression(node) && node.templateSpans.some((span) => callsLocal(span.expression))) return report(node, 'in a template literal');
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && (callsLocal(node.left) || callsLocal(node.right))) return report(node, 'joined with +');
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['join', 'concat'].includes(node.expression.name.text)
      && ts.isArrayLiteralExpression(node.expression.expression) && callsLocal(node.expression.expression)) return report(node, 'in an array joined');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('messages are never glued from translated pieces', () => {
  it('no local() in a template literal, a + or a joined array, anywhere in src', () => {
    expect(sourceFiles(join(root, 'src')).flatMap(gluedIn)).toEqual([]);
  });

  it('finds each kind of glue (the check checks)', () => {
    const dir = join(root, 'test/fixtures/i18n');
    expect(gluedIn(join(dir, 'glued.ts')).map((line) => line.replace(/^.*?: local\(\) /, '').replace(/:.*$/, ''))).toEqual([
      'in a template literal',
      'joined with +',
      'in an array joined',
    ]);
  });
});
