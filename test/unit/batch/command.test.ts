import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess, scriptedPrompter } from '../cli/harness.js';
import { inputLockPath } from '../../../src/batch/run-lock.js';
import { batchLockDir, batchPaths } from '../../../src/batch/paths.js';
import { resultsFormatOf, formatOutcome, outcomeObject } from '../../../src/batch/results-file.js';
import { summaryJson, summaryLines, type BatchSummary } from '../../../src/batch/summary.js';
import { localTemplate, tempDir, writeFile } from './helpers.js';
import { ownKernelLock } from '../lock/records.js';

/** A template in the in-process local gateway, where `card batch` with no config looks templates up. */
let local: { stateHome: string; templateId: string };
beforeAll(async () => {
  local = await localTemplate();
});

/** `card batch m.csv --validate-only --json` over `content` against the local template, in a directory of its own. */
function validateAsJson(content: string) {
  const dir = tempDir();
  writeFile(dir, 'm.csv', content);
  return runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, '--validate-only', '--json'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
}

describe('card batch: options', () => {
  it.each([
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 256, got "0"'],
    [['--concurrency', 'many'], '--concurrency must be a whole number from 1 to 256'],
    [['--rate', '-5'], '--rate must be a positive number of requests per second'],
    [['--max-attempts', '11'], '--max-attempts must be a whole number from 1 to 10'],
    [['--encoding', 'latin1'], "argument 'latin1' is invalid"],
    [['--results', 'out.json'], "--results out.json: a results file's name must end in .csv, .ndjson or .jsonl"],
    [['--results', 'out.txt', '--validate-only'], "--results out.txt: a results file's name must end in .csv, .ndjson or .jsonl"],
  ])('%j is exit 2: %s', async (args, message) => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'user_uni_id\n2088302463082075\n');
    const r = await runInProcess(['card', 'batch', 'm.csv', '--template-id', 'T', ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it.each(['/dev/stdin', '/dev/null', '/proc/self/fd/0'])('%s as the input is exit 2: a batch needs a file it can read again (a redirection would make the journal resume whatever comes next)', async (path) => {
    const r = await runInProcess(['card', 'batch', path, '--template-id', 'T'], { cwd: tempDir() });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`error: cannot read ${path}: it is a pipe or a device, not a file`);
  });

  it('--validate-only with no config checks every row against its template in the in-process local gateway: no key, no network', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'user_uni_id,valid_date,level\n2088302463082075,2030-01-01 00:00:00,VIP1\n123,2030-01-01 00:00:00,VIP2\n2088302463082077,2030-01-01 00:00:00,GOLD\n');
    const r = await runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, '--validate-only', '--json'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      problems: [
        { row: 3, column: 'user_uni_id', field: 'card_user_info.user_uni_id', value: '123', problem: expect.stringContaining('16 digits starting with 2088') },
        { row: 4, column: 'level', field: 'card_ext_info.level', value: 'GOLD', problem: 'must be a level of the template: one of VIP1, VIP2' },
      ],
      rows: 3, invalid_rows: 2, balances_normalised: 0, encoding: 'utf-8',
    });
    expect(r.stderr).toContain(`checking rows against their templates in the in-process local gateway (${local.stateHome}/alipay-card/in-process/gateway.json), since no profile is configured`);
    expect(r.stderr).toContain('2 of 3 rows are invalid (2 problems); nothing was sent');
  });

  it('--validate-only names a NUL or other control character by row and column; a real run sends none of those rows', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'user_uni_id,name\n2088302463082075,Zhang\u0000San\n2088302463082076,Li\u0007\n2088302463082077,Wang\n');
    const v = await runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, '--validate-only', '--output', 'ndjson'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
    expect(v.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { row: 2, column: 'name', field: 'member_ext_info.name', value: 'Zhang\u0000San', problem: expect.stringContaining('control character, U+0000 (NUL)') },
      { row: 3, column: 'name', field: 'member_ext_info.name', value: 'Li\u0007', problem: expect.stringContaining('control character, U+0007 (BEL)') },
    ]);
    expect(v.code).toBe(2);
    const run = await runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, '--json'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 3, issued: 1, invalid: 2 });
    expect(run.code).toBe(7);
  });

  it('--validate-only with no config: a template the local gateway does not have makes its rows invalid, and stderr says where it looked', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'user_uni_id,valid_date\n2088302463082075,2030-01-01 00:00:00\n');
    const r = await runInProcess(['card', 'batch', 'm.csv', '--template-id', 'T', '--validate-only', '--json'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).problems).toEqual([{ row: 2, column: null, field: 'card_template_id', value: 'T', problem: expect.stringMatching(/^template query for T failed: 40004 .*TEMPLATE_NOT_EXIT/) }]);
    expect(r.stderr).toContain('in the in-process local gateway');
    expect(r.stderr).toContain('no profile is configured');
  });

  it.each([
    ['an empty file', ''],
    ['an unknown column', 'user_uni_id,shoe_size\n2088302463082075,42\n'],
    ['an unbalanced quote before any problem', 'user_uni_id,valid_date\n"2088302463082075,2030-01-01 00:00:00\n'],
  ])('--validate-only --json prints nothing on stdout for %s: exit 2, the error on stderr', async (_name, content) => {
    const r = await validateAsJson(content);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
  });

  it('--validate-only --json closes its object with the error when the file breaks after problems were printed', async () => {
    const r = await validateAsJson('user_uni_id,valid_date\n123,2030-01-01 00:00:00\n2088302463082075,2030-01-01 00:00:00\n2088302463082076,"2030\n');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      problems: [expect.objectContaining({ row: 2, field: 'card_user_info.user_uni_id' })],
      error: expect.stringMatching(/m\.csv line 4: a quoted value starts on this line/),
    });
    expect(r.stderr).toContain('line 4: a quoted value starts on this line');
  });

  it('a file with no user id column, or no template, says so once before reading rows', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'name\nLee\n');
    const noUser = await runInProcess(['card', 'batch', 'm.csv', '--template-id', 'T', '--validate-only'], { cwd: dir });
    expect(noUser.stderr).toContain("no column for the user's Alipay user ID");
    writeFile(dir, 'n.csv', 'user_uni_id\n2088302463082075\n');
    const noTemplate = await runInProcess(['card', 'batch', 'n.csv', '--validate-only'], { cwd: dir });
    expect(noTemplate.stderr).toContain('no card template: pass --template-id, or add a card_template_id column');
  });
});

describe('card batch: before the first row', () => {
  it('--results in a path through a regular file is exit 2 naming the lock and why, not an internal error', async () => {
    const dir = tempDir();
    writeFile(dir, 'm.csv', 'user_uni_id,valid_date\n2088302463082075,2030-01-01 00:00:00\n');
    writeFile(dir, 'afile', 'not a directory');
    const r = await runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, '--results', 'afile/r.csv'], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });
    expect(r.stderr).toContain(`cannot create the lock ${join(dir, 'afile/r.journal.lock')}: a part of the path is not a directory (ENOTDIR)`);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(2);
  });
});

describe('card batch on the production gateway: the question before the first card', () => {
  /** A production profile (nothing is sent: every test here stops at the question) and a one-row file. */
  function productionDir(): string {
    const dir = tempDir();
    const vectors = resolve('test/fixtures/vectors');
    copyFileSync(join(vectors, 'app-private-key.pem'), join(dir, 'app.pem'));
    copyFileSync(join(vectors, 'alipay-public-key.pem'), join(dir, 'alipay.pem'));
    writeFile(dir, '.alipay-cardrc.json', JSON.stringify({ profiles: { p: { appId: '2021000000000001', gateway: 'production', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } }));
    writeFile(dir, 'm.csv', 'user_uni_id,valid_date\n2088302463082075,2030-01-01 00:00:00\n');
    return dir;
  }
  const batch = ['card', 'batch', 'm.csv', '--template-id', 'T'];
  const env = (dir: string) => ({ XDG_STATE_HOME: join(dir, 'state') });
  const lockDirOf = (dir: string) => batchLockDir(join(dir, 'state', 'alipay-card'));
  const locksOf = (dir: string) => [join(dir, 'm.csv.results.journal.lock'), inputLockPath(join(dir, 'm.csv'), lockDirOf(dir))].filter((path) => existsSync(path));

  it('holds the input\'s lock in the user\'s state directory (made 0700), not under a predictable name in the shared temp directory', async () => {
    const dir = productionDir();
    const name = `${createHash('sha256').update(realpathSync(join(dir, 'm.csv'))).digest('hex').slice(0, 16)}.lock`;
    let atQuestion: unknown;
    const prompter = { ...scriptedPrompter([]), confirm: async () => {
      atQuestion = {
        inStateDir: readFileSync(join(lockDirOf(dir), name), 'utf8'),
        mode: statSync(lockDirOf(dir)).mode & 0o777,
        inTemp: existsSync(join(tmpdir(), `alipay-card-batch-${name}`)),
      };
      return false;
    } };
    const r = await runInProcess(batch, { cwd: dir, tty: true, prompter, env: env(dir) });
    expect(r.code).toBe(2);
    expect(atQuestion).toEqual({ inStateDir: expect.stringMatching(ownKernelLock(join(dir, 'm.csv.results.journal').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))), mode: 0o700, inTemp: false });
    expect(locksOf(dir)).toEqual([]);
  });

  it('a "no" is exit 2 (as in card open): nothing sent, the files closed and both locks released, so the next run asks again', async () => {
    const dir = productionDir();
    const prompter = scriptedPrompter([false]);
    const r = await runInProcess(batch, { cwd: dir, tty: true, prompter, env: env(dir) });
    expect(prompter.asked).toEqual(['Issue up to 1 cards on the production gateway?']);
    expect(r.stderr).toContain('cancelled: nothing was sent');
    expect(r.code).toBe(2);
    expect(locksOf(dir)).toEqual([]);
    const again = await runInProcess(batch, { cwd: dir, tty: true, prompter: scriptedPrompter([false]), env: env(dir) });
    expect(again.stderr).toContain('cancelled: nothing was sent');
    expect(again.code).toBe(2);
  });

  it('Ctrl-C at the question is exit 130, with the files closed and both locks released', async () => {
    const dir = productionDir();
    const ctrlC = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    const r = await runInProcess(batch, { cwd: dir, tty: true, prompter: scriptedPrompter([ctrlC]), env: env(dir) });
    expect(r.code).toBe(130);
    expect(locksOf(dir)).toEqual([]);
    const again = await runInProcess(batch, { cwd: dir, tty: true, prompter: scriptedPrompter([false]), env: env(dir) });
    expect(again.stderr).toContain('cancelled: nothing was sent');
    expect(again.code).toBe(2);
  });
});

describe('card batch: paths and formats', () => {
  it('puts results beside the input and the journal beside the results', () => {
    expect(batchPaths('/w', 'in/m.csv', {})).toEqual({ input: '/w/in/m.csv', results: '/w/in/m.csv.results.csv', journal: '/w/in/m.csv.results.journal' });
    expect(batchPaths('/w', 'm.csv', { results: 'out/r.ndjson' })).toEqual({ input: '/w/m.csv', results: '/w/out/r.ndjson', journal: '/w/out/r.journal' });
    expect(batchPaths('/w', 'm.csv', { journal: '/j/x' }).journal).toBe('/j/x');
  });

  it('writes results as CSV or NDJSON by extension, every column present', () => {
    expect(['r.csv', 'R.CSV', 'r.ndjson', 'r.jsonl', 'R.JSONL'].map(resultsFormatOf)).toEqual(['csv', 'csv', 'ndjson', 'ndjson', 'ndjson']);
    // A .json name would promise one JSON document; .txt or no extension says nothing.
    for (const name of ['r.json', 'R.JSON', 'r.txt', 'results']) expect(() => resultsFormatOf(name)).toThrow('must end in .csv, .ndjson or .jsonl');
    const outcome = { row: 3, out_serial_no: 'S', status: 'failed' as const, code: '40004', sub_code: 'SYSTEM_ERROR', sub_msg: '系统异常, "retry"\nlater' };
    expect(JSON.parse(formatOutcome(outcome, 'ndjson', () => ''))).toEqual({ row: 3, out_serial_no: 'S', status: 'failed', biz_card_no: null, code: '40004', sub_code: 'SYSTEM_ERROR', sub_msg: '系统异常, "retry"\nlater', user_uni_id: null, external_card_no: null });
    expect(Object.keys(outcomeObject({ row: 1, out_serial_no: 'S', status: 'issued' }))).toEqual(['row', 'out_serial_no', 'status', 'biz_card_no', 'code', 'sub_code', 'sub_msg', 'user_uni_id', 'external_card_no']);
  });

  it('summarises counts, reasons, time and rate', () => {
    const summary: BatchSummary = {
      action: 'open', file: 'm.csv', rows: 10, ended: 8, issued: 6, balancesNormalised: 0, elapsedMs: 2000, results: 'r.csv', journal: 'r.journal', interrupted: false, abandoned: 0,
      counts: { issued: 7, failed: 2, failedRetryable: 1, invalid: 1, inFlight: 0, failedByReason: [['SYSTEM_ERROR', 1], ['INVALID_PARAMETER', 1]] },
    };
    expect(summaryLines(summary)).toEqual([
      'done: 10 rows in m.csv',
      '  issued   7',
      '  failed   2  (SYSTEM_ERROR 1, INVALID_PARAMETER 1)',
      '  invalid  1',
      '  this run 8 rows in 2.0 s, 4 rows/s (6 issued)',
      '  results  r.csv',
      '  journal  r.journal',
    ]);
    expect(summaryJson(summary)).toMatchObject({ rows: 10, issued: 7, failed: 2, invalid: 1, failed_by_reason: { SYSTEM_ERROR: 1, INVALID_PARAMETER: 1 }, this_run: { rows_per_second: 4 } });
  });
});
