import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cli.js';
import { batchProject, createTemplate, expectEveryRowIssuedOnce, finish, gatewayForSuite, startCli, whenRowsEnded, whenStdoutLines, writeMembers } from './batch-harness.js';

const served = gatewayForSuite();

describe('card batch: how a run ends', () => {
  it('a closed stdout (`| head -1`) stops the run as Ctrl-C does: rows in flight end, the resume command, exit 130', async () => {
    const gw = served();
    const rows = 1_000;
    const templateId = await createTemplate(gw, 'e2e-batch-epipe');
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', rows, 4);
    await gw.clearFaults();
    await gw.fault('latency=20:0.5');
    const args = ['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '4'];

    const cli = startCli([...args, '--output', 'ndjson'], dir);
    await whenStdoutLines(cli, 1);
    cli.closeStdout();
    const closed = await cli.exited;
    expect(closed.code).toBe(130);
    expect(closed.stderr).toContain('stopping (stdout was closed): waiting for the rows in flight to end');
    expect(closed.stderr).toMatch(/interrupted: \d+ of 1000 rows ended/);
    expect(/resume with: (.*)/.exec(closed.stderr)![1]).toBe('alipay-card card batch members.csv --resume');
    // Every row in flight ended; the journal says how the run ended; the lock is gone.
    expect(closed.stderr).not.toMatch(/\d+ in flight/);
    const journal = readFileSync(join(dir, 'members.csv.results.journal'), 'utf8').trim().split('\n');
    expect(JSON.parse(journal.at(-1)!)).toMatchObject({ run: 'interrupted' });
    expect(existsSync(join(dir, 'members.csv.results.journal.lock'))).toBe(false);

    await gw.clearFaults();
    const done = await finish(args, dir);
    expect(done.code).toBe(0);
    await expectEveryRowIssuedOnce(gw, templateId, join(dir, 'members.csv.results.csv'), rows);
  }, 120_000);

  it('one run of an input file at a time, whatever its --results; --resume with no journal there is exit 2 naming where it looked', async () => {
    const gw = served();
    const templateId = await createTemplate(gw, 'e2e-batch-lock');
    const dir = batchProject(gw);
    writeMembers(dir, 'members.csv', 500, 5);
    await gw.clearFaults();
    await gw.fault('latency=20:0.5');
    const args = ['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '2'];

    // One user (one state directory, where the input's lock is), two runs.
    const user = { XDG_STATE_HOME: join(dir, 'state') };
    const first = startCli(args, dir, user);
    await whenRowsEnded(join(dir, 'members.csv.results.csv'), 20, first);
    const second = await runCli([...args, '--results', 'gold.csv'], { cwd: dir, env: user });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`another card batch \\(pid ${first.pid}\\) is running .*members\\.csv \\(journal .*members\\.csv\\.results\\.journal\\)`));
    expect(existsSync(join(dir, 'gold.csv'))).toBe(false);
    first.signal('SIGINT');
    expect((await first.exited).code).toBe(130);

    // Resumed with a configuration that sends elsewhere (the in-process gateway): refused, nothing sent.
    const resultsBefore = readFileSync(join(dir, 'members.csv.results.csv'), 'utf8');
    const elsewhere = await runCli(['--gateway', 'local', 'card', 'batch', 'members.csv', '--resume'], { cwd: dir, env: { XDG_STATE_HOME: join(dir, 'state') } });
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(`this batch was sent to ${gw.url} as app 2021000000000001; this command would send to local ${join(dir, 'state', 'alipay-card', 'in-process', 'gateway.json')} as app`);
    expect(readFileSync(join(dir, 'members.csv.results.csv'), 'utf8')).toBe(resultsBefore);

    const wrong = await runCli(['card', 'batch', 'members.csv', '--resume', '--results', 'gold.csv'], { cwd: dir });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`--resume: no journal at ${join(dir, 'gold.journal')}`);
    expect(wrong.stderr).toContain('pass the same --results (and --journal) as the run you are resuming');
    await gw.clearFaults();
    expect((await finish(args, dir)).code).toBe(0);
    await expectEveryRowIssuedOnce(gw, templateId, join(dir, 'members.csv.results.csv'), 500);
  }, 120_000);
});
