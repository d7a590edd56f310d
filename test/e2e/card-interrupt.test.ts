import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { batchProject, createTemplate, expectEveryRowIssuedOnce, finish, gatewayForSuite, startCli, whenRowsEnded, writeMembers, type RunningCli } from './batch-harness.js';
import { runCli } from './cli.js';

// Ctrl-C while card open, update or delete has a request on its way: the first waits for the
// answer, a second leaves it and says what repeats it safely (README, card open: "When the outcome
// is still unknown ... stderr prints the exact flags that resend the same request").
const gw = gatewayForSuite();

/** What `pattern` (its first group, or the whole match) finds on stderr, once it does; the run ending first fails the test. */
async function whenStderr(cli: RunningCli, pattern: RegExp): Promise<string> {
  let exited = false;
  void cli.exited.then(() => (exited = true));
  for (;;) {
    const match = pattern.exec(cli.stderr());
    if (match) return match[1] ?? match[0];
    if (exited) throw new Error(`the run ended before ${String(pattern)} on stderr:\n${cli.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A second press, not the first delivered twice (REPEAT_WINDOW_MS, src/cli/interrupt.ts). */
const secondPressLater = () => new Promise((r) => setTimeout(r, 250));

describe('Ctrl-C with a card open on its way to gateway serve', () => {
  it('the first Ctrl-C waits for the answer: the card is told as usual, exit 0', async () => {
    const templateId = await createTemplate(gw(), 'e2e-interrupt-wait');
    const dir = batchProject(gw());
    // Every answer 1.5 s late: the template lookup, then the card open.
    await gw().fault('latency=1500');
    const cli = startCli(['card', 'open', '--template-id', templateId, '--user-id', '2088302463089001', '--level', 'VIP1', '--json'], dir);
    const serial = await whenStderr(cli, /^out_serial_no: (\S+)$/m);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGINT');
    const done = await cli.exited;
    expect([done.code, done.stderr]).toEqual([0, expect.stringContaining('stopping: waiting for the answer to alipay.marketing.card.open, already sent (Ctrl-C again to leave it unanswered)')]);
    expect(JSON.parse(done.stdout).card_info.external_card_no).toBe(serial);
  }, 60_000);

  it('a second Ctrl-C leaves it: exit 130 at once, with the flags that retry it; they issue the same one card', async () => {
    const templateId = await createTemplate(gw(), 'e2e-interrupt-leave');
    const dir = batchProject(gw());
    await gw().fault('latency=4000');
    const args = ['card', 'open', '--template-id', templateId, '--user-id', '2088302463089002', '--level', 'VIP1', '--json'];
    const cli = startCli(args, dir);
    const serial = await whenStderr(cli, /^out_serial_no: (\S+)$/m);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGINT');
    await whenStderr(cli, /^stopping: /m);
    await secondPressLater();
    const left = Date.now();
    cli.signal('SIGINT');
    const interrupted = await cli.exited;
    // Not the 4 s of the answer: the run does not wait for it.
    expect(Date.now() - left).toBeLessThan(2500);
    expect([interrupted.code, interrupted.stdout]).toEqual([130, '']);
    expect(interrupted.stderr).toContain('error: interrupted: alipay.marketing.card.open was sent and left unanswered; the gateway may or may not have done it');
    expect(interrupted.stderr).toContain('the card may or may not have been issued. To retry safely');
    const flags = /run the same command with:\n {2}(.*)/.exec(interrupted.stderr)![1]!;
    expect(flags).toContain(`--out-serial-no ${serial}`);

    await gw().clearFaults();
    // The flags as a shell reads them (values with a space are single-quoted).
    const words = [...flags.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    const retried = await runCli([...args, ...words], { cwd: dir });
    expect(retried.code).toBe(0);
    const cards = (await gw().cards()).filter((card) => card.card_template_id === templateId);
    expect(cards.map((card) => card.out_serial_no)).toEqual([serial]);
    expect(cards).toHaveLength(1);
    expect(JSON.parse(retried.stdout).card_info.biz_card_no).toBe(cards[0]!.biz_card_no);
  }, 60_000);

  it('card update: a second Ctrl-C says the update is safe to run again and how to see the card', async () => {
    const templateId = await createTemplate(gw(), 'e2e-interrupt-update');
    const dir = batchProject(gw());
    const opened = await runCli(['card', 'open', '--template-id', templateId, '--user-id', '2088302463089003', '--level', 'VIP1', '--json'], { cwd: dir });
    const cardNo = String(JSON.parse(opened.stdout).card_info.biz_card_no);
    await gw().fault('latency=4000');
    // --verbose logs each exchange when it ends: the card query's answer, and the update is sent next.
    const cli = startCli(['card', 'update', cardNo, '--point', '5', '--json', '--verbose'], dir);
    await whenStderr(cli, /alipay_marketing_card_query_response/);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGINT');
    await whenStderr(cli, /^stopping: /m);
    await secondPressLater();
    cli.signal('SIGINT');
    const interrupted = await cli.exited;
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain('error: interrupted: alipay.marketing.card.update was sent and left unanswered');
    expect(interrupted.stderr).toContain(`hint: \`alipay-card card query ${cardNo}\` shows the card as it is now; an update sets absolute values, so running the same command again leaves the card as asked`);
  }, 60_000);
});

describe('SIGTERM (timeout, kill, docker stop, a cancelled CI job) is taken as Ctrl-C', () => {
  it('card open waits for the answer it sent, and tells the card', async () => {
    const templateId = await createTemplate(gw(), 'e2e-sigterm-open');
    const dir = batchProject(gw());
    await gw().fault('latency=1500');
    const cli = startCli(['card', 'open', '--template-id', templateId, '--user-id', '2088302463089011', '--level', 'VIP1', '--json'], dir);
    const serial = await whenStderr(cli, /^out_serial_no: (\S+)$/m);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGTERM');
    const done = await cli.exited;
    expect([done.code, done.signal, done.stderr]).toEqual([0, null, expect.stringContaining('stopping (SIGTERM): waiting for the answer to alipay.marketing.card.open, already sent (a second SIGTERM or Ctrl-C leaves it unanswered)')]);
    expect(done.stderr).not.toContain('Ctrl-C again');
    expect(JSON.parse(done.stdout).card_info.external_card_no).toBe(serial);
  }, 60_000);

  it('card batch stops taking rows, lets those in flight end, and exits 130 with the resume command; SIGTERM then SIGINT at once (timeout, then its group) is one stop', async () => {
    const templateId = await createTemplate(gw(), 'e2e-sigterm-batch');
    const dir = batchProject(gw());
    writeMembers(dir, 'members.csv', 600, 4);
    await gw().fault('latency=20:0.5');
    const args = ['card', 'batch', 'members.csv', '--template-id', templateId, '--concurrency', '8'];
    const results = join(dir, 'members.csv.results.csv');
    const cli = startCli(args, dir);
    await whenRowsEnded(results, 60, cli);
    cli.signal('SIGTERM');
    cli.signal('SIGINT');
    const stopped = await cli.exited;
    expect([stopped.code, stopped.signal]).toEqual([130, null]);
    // Both pending at once, the kernel delivers SIGINT (2) before SIGTERM (15): either is the stop.
    expect(stopped.stderr).toMatch(/^stopping( \(SIGTERM\))?: waiting for the rows in flight to end \((a second SIGTERM or Ctrl-C leaves|Ctrl-C again to leave) them; --resume sends them again\)$/m);
    expect(stopped.stderr.match(/^stopping/gm)).toHaveLength(1);
    expect(stopped.stderr).toContain('resume with: alipay-card card batch members.csv --resume');
    expect(stopped.stderr).not.toMatch(/\d+ in flight/);
    await gw().clearFaults();
    expect((await finish(args, dir)).code).toBe(0);
    await expectEveryRowIssuedOnce(gw(), templateId, results, 600);
  }, 120_000);
});

describe('Ctrl-C with a template create or modify on its way to gateway serve', () => {
  const templateFile = (dir: string, name: string, requestId: string) => {
    const { request_id: _r, ...template } = demoTemplate(requestId) as Record<string, any>;
    writeFileSync(join(dir, name), JSON.stringify(template));
    return name;
  };

  it('template create: the first Ctrl-C waits for the answer and tells the template, exit 0; it exists once', async () => {
    const dir = batchProject(gw());
    await gw().fault('latency=1500');
    const cli = startCli(['template', 'create', templateFile(dir, 't1.json', 'unused'), '--json'], dir);
    const requestId = await whenStderr(cli, /^request_id: (\S+)/m);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGINT');
    const done = await cli.exited;
    expect([done.code, done.stderr]).toEqual([0, expect.stringContaining('stopping: waiting for the answer to alipay.marketing.card.template.create, already sent')]);
    const templateId = JSON.parse(done.stdout).template_id as string;
    const stored = (await (await fetch(`${gw().base}/_local/templates`)).json()) as Array<{ template_id: string; request_id: string }>;
    expect(stored.filter((t) => t.request_id === requestId).map((t) => t.template_id)).toEqual([templateId]);
  }, 60_000);

  it('template modify: a second Ctrl-C leaves it, exit 130, with the command that applies it at most once', async () => {
    const dir = batchProject(gw());
    const templateId = await createTemplate(gw(), 'e2e-interrupt-modify');
    writeFileSync(join(dir, 'rename.json'), JSON.stringify({ template_style_info: { card_show_name: '改名卡' } }));
    await gw().fault('latency=4000');
    const cli = startCli(['template', 'modify', templateId, 'rename.json', '--yes', '--json'], dir);
    await whenStderr(cli, /^request_id: (\S+)/m);
    await new Promise((r) => setTimeout(r, 300));
    cli.signal('SIGINT');
    await whenStderr(cli, /^stopping: waiting for the answer to alipay.marketing.card.template.modify/m);
    await secondPressLater();
    cli.signal('SIGINT');
    const left = await cli.exited;
    expect([left.code, left.stdout]).toEqual([130, '']);
    expect(left.stderr).toContain('interrupted: alipay.marketing.card.template.modify was sent and left unanswered');
    const retry = /`alipay-card (template modify \S+ rename\.json --request-id \S+ --yes)` applies it at most once/.exec(left.stderr)![1]!;
    await gw().clearFaults();
    const again = await runCli([...retry.split(' '), '--json'], { cwd: dir });
    expect(again.code).toBe(0);
  }, 60_000);
});
