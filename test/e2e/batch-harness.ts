import { spawn } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTemplate } from '../../src/cli/commands/demo.js';
import { binPath, projectWithConfig, runCli, runTemporaryDir, type CliResult } from './cli.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

/**
 * `gateway serve` for the tests of one file: started before the first, stopped after the last.
 * Each test starts without the faults the one before set: its set-up (a template) is made on a
 * quiet gateway (a SYSTEM_ERROR left on failed a test's set-up once in CI).
 */
export function gatewayForSuite(): () => ServedGateway {
  let gw: ServedGateway | undefined;
  beforeAll(async () => {
    gw = await serveGateway();
  }, 30_000);
  beforeEach(async () => {
    await gw?.clearFaults();
  });
  afterAll(async () => {
    await gw?.stop();
  });
  return () => gw!;
}

/** A project whose profile talks to the served gateway as the test app. */
export function batchProject(gw: ServedGateway): string {
  return projectWithConfig(
    { profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } },
    { 'app.pem': appPrivateKeyPem },
  );
}

/** A template whose only field rule is ValidDate 12 months out, so rows need only a user and a level. */
export function createTemplate(gw: ServedGateway, requestId: string): Promise<string> {
  return createTemplateFrom(gw, { ...demoTemplate(requestId), field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] });
}

/** The template of this template.create biz_content, on the served gateway; its template_id. */
export async function createTemplateFrom(gw: ServedGateway, template: Record<string, unknown>): Promise<string> {
  const client = gw.client();
  try {
    const created = await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(template), retrySafe: true });
    return String(created.node.template_id);
  } finally {
    await client.close();
  }
}

/** `n` members with user ids `2088<series><11 digits>`, one per row: each test its own series of users. */
export function writeMembers(dir: string, name: string, n: number, series: number): string {
  const lines = ['user_uni_id,name,level,cell'];
  for (let i = 1; i <= n; i++) lines.push(`2088${series}${String(i).padStart(11, '0')},会员${i},VIP1,1300000${String(i).padStart(4, '0')}`);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

export interface RunningCli {
  pid: number;
  exited: Promise<CliResult>;
  stdout: () => string;
  stderr: () => string;
  signal(signal: NodeJS.Signals): void;
  /** Closes our end of its stdout pipe, as `| head -1` does once it has its line. */
  closeStdout(): void;
}

/** The real binary, left running: for tests that kill or interrupt it. `extraEnv` adds to its clean environment. */
export function startCli(args: readonly string[], cwd: string, extraEnv: Record<string, string> = {}): RunningCli {
  const home = mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local/state'), NO_COLOR: '1', ...runTemporaryDir(), ...extraEnv };
  const child = spawn(process.execPath, [binPath, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid!, exited, stdout: () => stdout, stderr: () => stderr, signal: (s) => void child.kill(s), closeStdout: () => void child.stdout.destroy() };
}

/** Resolves once the CLI has printed at least `lines` lines on stdout, or exits. */
export async function whenStdoutLines(cli: RunningCli, lines: number): Promise<void> {
  let exited = false;
  void cli.exited.then(() => (exited = true));
  while (!exited && cli.stdout().split('\n').length - 1 < lines) await new Promise((r) => setTimeout(r, 10));
}

/** Resolves once the results file has at least `lines` lines (rows ended), or the process exits. */
export async function whenRowsEnded(results: string, lines: number, cli: RunningCli): Promise<void> {
  let exited = false;
  void cli.exited.then(() => (exited = true));
  while (!exited) {
    if (existsSync(results) && readFileSync(results, 'utf8').split('\n').length - 2 >= lines) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs `card batch ... --resume` (then --retry-failed) until every row has ended issued, at most `rounds` times. */
export async function finish(args: readonly string[], cwd: string, rounds = 4): Promise<CliResult> {
  let last = await runCli([...args, '--resume'], { cwd, timeoutMs: 240_000 });
  for (let i = 0; i < rounds && last.code === 7 && /--retry-failed/.test(last.stderr); i++) {
    last = await runCli([...args, '--retry-failed'], { cwd, timeoutMs: 240_000 });
  }
  return last;
}

export interface ResultRow {
  row: number;
  out_serial_no: string;
  status: string;
  biz_card_no: string;
  /** Every column by its header name (user_uni_id, external_card_no, sub_msg, ...). */
  columns: Record<string, string>;
}

/** The results CSV of a run, each line by its header's names (a UTF-8 BOM, as Excel users get, is not part of the first). */
export function readResults(path: string): ResultRow[] {
  const records = parseCsv(readFileSync(path, 'utf8'), { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return records.map((columns) => ({ row: Number(columns.row), out_serial_no: columns.out_serial_no!, status: columns.status!, biz_card_no: columns.biz_card_no!, columns }));
}

/**
 * The batch's guarantee, checked from both ends: every data row of the file is in the results file
 * exactly once, issued; the gateway holds exactly one card per member of the file (no card issued
 * twice, under any serial); and each result names the card the gateway stored under its serial.
 */
export async function expectEveryRowIssuedOnce(gw: ServedGateway, templateId: string, results: string, rows: number): Promise<void> {
  const cards = (await gw.cards()).filter((c) => c.card_template_id === templateId);
  const byUser = new Map<string, number>();
  for (const c of cards) byUser.set(String(c.user_uni_id), (byUser.get(String(c.user_uni_id)) ?? 0) + 1);
  expect(cards).toHaveLength(rows);
  expect([...byUser.values()].every((n) => n === 1)).toBe(true);

  const lines = readResults(results);
  expect(lines).toHaveLength(rows);
  const numbers = lines.map((l) => l.row).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: rows }, (_, i) => i + 2));
  expect(lines.filter((l) => l.status !== 'issued')).toEqual([]);
  const cardBySerial = new Map(cards.map((c) => [String(c.out_serial_no), String(c.biz_card_no)]));
  expect(lines.filter((l) => cardBySerial.get(l.out_serial_no) !== l.biz_card_no)).toEqual([]);
}
