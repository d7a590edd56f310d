import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, cleanEnv, runCli, type CliResult } from './cli.js';
import { batchProject, createTemplate, expectEveryRowIssuedOnce, gatewayForSuite, writeMembers } from './batch-harness.js';

const served = gatewayForSuite();

/**
 * The real binary under a file size limit of `kib` KiB (`ulimit -f`), as a user's shell would run
 * it: a write past the limit fails with EFBIG. SIGXFSZ, which would kill the process instead, is
 * ignored, as Node itself does.
 */
function runWithFileLimit(args: readonly string[], cwd: string, kib: number, home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'))): Promise<CliResult> {
  const env = cleanEnv({ HOME: home });
  const script = `trap '' XFSZ; ulimit -f ${kib}; exec "$0" "$@"`;
  const child = spawn('bash', ['-c', script, process.execPath, binPath, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('card batch: a results or journal write that fails', () => {
  it('a file size limit reached mid-run (EFBIG) is exit 2 naming the file and the cause, with the resume command; once there is room, --resume ends every row exactly once', async () => {
    const gw = served();
    const rows = 80;
    const templateId = await createTemplate(gw, 'e2e-batch-efbig');
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', rows, 6);
    await gw.clearFaults();
    const args = ['card', 'batch', 'members.csv', '--template-id', templateId];

    // 8 KiB: the journal (two records a row) reaches it part way through the 80 rows.
    const limited = await runWithFileLimit(args, dir, 8);
    expect(limited.stderr).not.toContain('internal error');
    expect(limited.stderr).not.toMatch(/\n\s+at /); // no stack
    expect(limited.stderr).toMatch(new RegExp(`cannot write the (journal|results file) ${dir}/members\\.csv\\.results\\.(journal|csv): the file has reached the largest size allowed .*\\(EFBIG\\)`));
    expect(/resume with: (.*)/.exec(limited.stderr)?.[1]).toBe('alipay-card card batch members.csv --resume');
    expect(limited.code).toBe(2);
    const issuedBefore = (await gw.cards()).filter((c) => c.card_template_id === templateId).length;
    expect(issuedBefore).toBeGreaterThan(0);
    expect(issuedBefore).toBeLessThan(rows);

    // The printed command, with no limit: every row ends once, issued, none twice.
    const resumed = await runCli([...args.slice(0, 3), '--resume'], { cwd: dir, timeoutMs: 60_000 });
    expect(resumed.stderr).toMatch(new RegExp(`issued +${rows}\\b`));
    expect(resumed.code).toBe(0);
    await expectEveryRowIssuedOnce(gw, templateId, join(dir, 'members.csv.results.csv'), rows);
  }, 120_000);
});

describe('the in-process local gateway whose last state write fails', () => {
  it('card batch --json still prints its summary and JSON and exits with its own code (7); the failed close is a `local gateway:` warning', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
    const demo = await runCli(['--json', 'demo'], { env: { HOME: home }, cwd: home });
    expect(demo.code).toBe(0);
    const { templateId } = JSON.parse(demo.stdout) as { templateId: string };
    const state = join(home, '.local/state/alipay-card/in-process/gateway.json');
    // 10 KiB: the state file (≈9 KB after the demo, its template's sign-up form in it) fits at
    // start and not once 8 cards are in it; the log of those cards, the results and the journal stay
    // well under it.
    expect(statSync(state).size).toBeLessThan(9.5 * 1024);
    const rows = ['user_uni_id,name,level,cell,balance,point'];
    for (let i = 1; i <= 8; i++) rows.push(`20881000000000${String(i).padStart(2, '0')},n${i},VIP1,130000000${String(i).padStart(2, '0')},1.00,5`);
    rows.push('208810000000099,short id,VIP1,13000000099,1.00,5');
    writeFileSync(join(home, 'members.csv'), rows.join('\n') + '\n');

    const run = await runWithFileLimit(['--json', 'card', 'batch', 'members.csv', '--template-id', templateId], home, 10, home);
    expect(run.stderr).toMatch(/^local gateway: cannot write the gateway state file .*in-process\/gateway\.json: EFBIG/m);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: 9, issued: 8, invalid: 1 });
    expect(run.stderr).toMatch(/issued +8\b/);
    expect(run.stderr).toMatch(/^error: 0 rows failed and 1 was invalid/m);
    expect(run.code).toBe(7);
  }, 60_000);
});
