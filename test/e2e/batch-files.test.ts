import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, runCli } from './cli.js';
import { batchProject, createTemplate, readResults } from './batch-harness.js';
import { serveGateway, type ServedGateway } from './serve.js';

const fixtures = join(repoRoot, 'test/fixtures/batch');
let gw: ServedGateway;
let templateId: string;

beforeAll(async () => {
  gw = await serveGateway();
  templateId = await createTemplate(gw, 'e2e-batch-files');
}, 30_000);

afterAll(async () => {
  await gw?.stop();
});

/** A project with the fixture copied in. */
function project(fixture: string): string {
  const dir = batchProject(gw);
  copyFileSync(join(fixtures, fixture), join(dir, fixture));
  return dir;
}

async function cardsOf(users: string[]) {
  const cards = await gw.cards();
  return users.map((u) => cards.filter((c) => c.user_uni_id === u));
}

describe('card batch: the files people export from Excel', () => {
  it('a GBK file with Chinese headers (mapped) and names, one of them quoted with a comma', async () => {
    const dir = project('members-gbk.csv');
    const r = await runCli(['card', 'batch', 'members-gbk.csv', '--template-id', templateId, '--json',
      '--map', '会员ID=user_uni_id', '--map', '姓名=name', '--map', '性别=gende', '--map', '手机号=member_cell',
      '--map', '等级=level', '--map', '积分=point', '--map', '余额=balance'], { cwd: dir });
    expect(r.stderr).toContain('issued   4');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, issued: 4, failed: 0, invalid: 0 });
    const cards = await cardsOf(['2088302463082075', '2088302463082076', '2088302463082077', '2088302463082078']);
    expect(cards.map((c) => c.length)).toEqual([1, 1, 1, 1]);
    expect(cards.map((c) => (c[0]!.member_ext_info as Record<string, string>).name)).toEqual(['张三', '李四', '欧阳, 娜娜', '王小二']);
    expect((cards[0]![0]!.fields as Record<string, string>)).toMatchObject({ point: '88', balance: '124.89', level: 'VIP1' });
    expect((cards[2]![0]!.member_ext_info as Record<string, string>)).toMatchObject({ gende: 'FEMALE', cell: '13000000002' });
  });

  it('a UTF-8 file with a BOM: the first header is user_uni_id, not "\\ufeffuser_uni_id"', async () => {
    const dir = project('members-bom.csv');
    const r = await runCli(['card', 'batch', 'members-bom.csv', '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(0);
    const cards = await cardsOf(['2088402463082075', '2088402463082076']);
    expect(cards.map((c) => (c[0]!.member_ext_info as Record<string, string>).name)).toEqual(['Zoë Ångström', '陈晓']);
  });

  it('quoted values holding commas, quotes and line breaks; an empty line; rows numbered as a spreadsheet shows them', async () => {
    const dir = project('members-quoted.csv');
    const r = await runCli(['card', 'batch', 'members-quoted.csv', '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(0);
    const [lee, multi, plain] = await cardsOf(['2088502463082075', '2088502463082076', '2088502463082077']);
    expect((lee![0]!.member_ext_info as Record<string, string>).name).toBe('Lee, Jr.');
    expect((multi![0]!.member_ext_info as Record<string, string>).name).toBe('Multi\nLine "Name"');
    expect((multi![0]!.fields as Record<string, unknown>).front_text_list).toEqual([{ label: '地址', value: 'Beijing,\nChaoyang' }]);
    expect(plain).toHaveLength(1);
    // Header row 1, Lee row 2, the three-line record row 3, the empty line row 4, Plain row 5.
    const rows = readResults(join(dir, 'members-quoted.csv.results.csv')).map((l) => l.row).sort();
    expect(rows).toEqual([2, 3, 5]);
  });
});

describe('card batch: files that cannot be read', () => {
  it.each([
    ['malformed-quote.csv', /malformed-quote\.csv line 3: a quoted value starts on this line and its closing quote never comes \(unbalanced quote\)/],
    ['malformed-width.csv', /malformed-width\.csv line 4 \(row 4\): 4 values, but the header has 3 columns/],
    // Excel's CRLF line ends, a name cell holding a line break: lines as an editor numbers them.
    ['malformed-crlf-width.csv', /malformed-crlf-width\.csv line 4 \(row 3\): 4 values, but the header has 3 columns/],
    ['malformed-crlf-quote.csv', /malformed-crlf-quote\.csv line 4: a quoted value starts on this line and its closing quote never comes \(unbalanced quote\)/],
  ])('%s is exit 2 naming the line, before anything is sent', async (fixture, message) => {
    const dir = project(fixture);
    const before = (await gw.cards()).length;
    const r = await runCli(['card', 'batch', fixture, '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('hint:');
    expect((await gw.cards()).length).toBe(before);
    expect(existsSync(join(dir, `${fixture}.results.journal`))).toBe(false);
    // --validate-only says the same.
    const v = await runCli(['card', 'batch', fixture, '--template-id', templateId, '--validate-only'], { cwd: dir });
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(message);
  });

  it('a pipe (cat m.csv | card batch /dev/stdin) is exit 2 saying a batch needs a file, not that it is empty; nothing is written', async () => {
    const dir = project('malformed-width.csv');
    const rows = 'user_uni_id,level\n2088302463082075,VIP1\n';
    for (const extra of [[], ['--validate-only']]) {
      const r = await runCli(['card', 'batch', '/dev/stdin', '--template-id', templateId, '--results', 'r.csv', ...extra], { cwd: dir, input: rows });
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain('error: cannot read /dev/stdin: it is a pipe or a device, not a file');
      expect(r.stderr).toContain('hint: card batch reads its file more than once');
      expect(r.stderr).not.toContain('empty');
      expect(existsSync(join(dir, 'r.csv'))).toBe(false);
    }
  });

  it('an unknown column is exit 2 naming it, with how to map or ignore it', async () => {
    const dir = project('members-gbk.csv');
    const r = await runCli(['card', 'batch', 'members-gbk.csv', '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown columns: "会员ID", "姓名", "性别", "手机号", "等级", "积分", "余额"');
    expect(r.stderr).toContain('--ignore-unknown-columns');
  });
});

describe('card batch --validate-only', () => {
  const kinds = JSON.parse(readFileSync(join(fixtures, 'invalid-values.json'), 'utf8')) as Array<{ row: number; kind: string; column: string | null }>;

  it(`lists every one of ${kinds.length - 1} kinds of invalid value with its row, column and what would be valid; exit 2; nothing sent`, async () => {
    const dir = project('invalid-values.csv');
    const before = (await gw.cards()).length;
    const r = await runCli(['card', 'batch', 'invalid-values.csv', '--template-id', templateId, '--validate-only', '--output', 'ndjson'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${kinds.length - 1} of ${kinds.length} rows are invalid`);
    const problems = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; column: string | null; field: string; value: unknown; problem: string });
    for (const kind of kinds) {
      const found = problems.filter((p) => p.row === kind.row);
      if (kind.column === null) expect(found).toEqual([]);
      else expect({ kind: kind.kind, columns: found.map((p) => p.column) }).toEqual({ kind: kind.kind, columns: expect.arrayContaining([kind.column]) });
    }
    expect(problems.every((p) => p.problem.length > 10)).toBe(true);
    expect(problems.find((p) => p.row === 5)!.problem).toContain("Excel's scientific notation");
    expect(problems.find((p) => p.row === 12)!.problem).toContain('must be after open_date');
    expect((await gw.cards()).length).toBe(before);
    expect(existsSync(join(dir, 'invalid-values.csv.results.journal'))).toBe(false);
  });

  it('prints one readable line per problem on a table, and a valid file is exit 0', async () => {
    const dir = project('invalid-values.csv');
    const r = await runCli(['card', 'batch', 'invalid-values.csv', '--template-id', templateId, '--validate-only', '-o', 'table'], { cwd: dir });
    expect(r.stdout).toContain('row 20, birth (member_ext_info.birth): must be \'yyyy-MM-dd\', a date that exists, e.g. 2016-06-27 — got "1990-02-30"');
    const ok = await runCli(['card', 'batch', 'members-bom.csv', '--template-id', templateId, '--validate-only'], { cwd: project('members-bom.csv') });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ problems: [], rows: 2, invalid_rows: 0, balances_normalised: 0, encoding: 'utf-8' });
  });

  it('a real run records invalid rows without sending them and exits 7, the results naming each problem', async () => {
    const dir = project('invalid-values.csv');
    const r = await runCli(['card', 'batch', 'invalid-values.csv', '--template-id', templateId], { cwd: dir });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/invalid +25/);
    const results = readFileSync(join(dir, 'invalid-values.csv.results.csv'), 'utf8');
    expect(results).toContain('cli.invalid-row');
    expect(results).toContain('birth: must be');
    // Only the valid row was sent.
    expect((await gw.cards()).filter((c) => c.user_uni_id === '2088702463082075')).toHaveLength(1);
    // Running it again without --resume refuses; --resume has nothing left to do.
    const again = await runCli(['card', 'batch', 'invalid-values.csv', '--template-id', templateId], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already has a batch journal');
    const resumed = await runCli(['card', 'batch', 'invalid-values.csv', '--resume'], { cwd: dir });
    expect(resumed.code).toBe(7);
    expect(resumed.stderr).toMatch(/this run 0 rows/);
  });
});
