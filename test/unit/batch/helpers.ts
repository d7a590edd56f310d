import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { executeRun } from '../../../src/batch/execute-run.js';
import type { RowOutcome } from '../../../src/batch/outcome.js';
import { batchPaths } from '../../../src/batch/paths.js';
import { setUpRun, type RunSetupOptions } from '../../../src/batch/run-setup.js';
import type { BatchSummary } from '../../../src/batch/summary.js';
import { demoTemplate } from '../../../src/cli/commands/demo.js';
import { connectLocal } from '../../../src/cli/gateway-client.js';
import type { FakeGateway } from './fake-gateway.js';

export const NOW = new Date('2024-05-01T01:30:00Z'); // 2024-05-01 09:30:00 in Beijing

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'alipay-card-batch-'));
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** `n` valid member rows: user ids 2088000000000001.., with a name and a level. */
export function memberRows(n: number, header = 'user_uni_id,name,level'): string {
  const lines = [header];
  for (let i = 1; i <= n; i++) lines.push(`2088${String(i).padStart(12, '0')},Member ${i},VIP1`);
  return lines.join('\n') + '\n';
}

export interface RunOptions extends Partial<RunSetupOptions> {
  concurrency?: number;
  /** --rate; the run's clock only moves when it sleeps, so a rate holds requests back without slowing the test. */
  rate?: number;
  maxAttempts?: number;
  /** ALIPAY_AUTH_TOKEN, as the command passes it. */
  authToken?: string;
  stop?: AbortSignal;
  abandon?: AbortSignal;
  rowEnded?: (outcome: RowOutcome) => void;
}

/** A real run (journal, results, runner) against the fake gateway, with no sleeping and a fixed clock. */
export async function runFile(gateway: FakeGateway, input: string, options: RunOptions = {}): Promise<BatchSummary> {
  const paths = batchPaths(process.cwd(), input, {});
  const setup = await setUpRun({
    inputPath: paths.input, resultsPath: paths.results, journalPath: paths.journal, lockDir: join(tempDir(), 'locks'), resume: false, retryFailed: false, now: NOW, templateId: 'T1', ...options,
  });
  let clock = 0;
  return executeRun(setup, {
    client: gateway,
    concurrency: options.concurrency ?? 4,
    rate: options.rate,
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 200, maxDelayMs: 5000 },
    now: () => options.now ?? NOW,
    random: () => 0.5,
    sleep: async (ms) => void (clock += ms),
    clock: () => clock,
    progressStream: new PassThrough(),
    rowEnded: options.rowEnded,
    authToken: options.authToken,
  }, { stop: options.stop ?? new AbortController().signal, abandon: options.abandon ?? new AbortController().signal });
}

export function journalLines(input: string): Array<Record<string, any>> {
  const { journal } = batchPaths(process.cwd(), input, {});
  return readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

export function resultsCsv(input: string): string[][] {
  const { results } = batchPaths(process.cwd(), input, {});
  return readFileSync(results, 'utf8').trim().split('\n').map((l) => l.split(','));
}

/**
 * A template in the in-process local gateway's state under `XDG_STATE_HOME` = the returned
 * `stateHome` — what `card batch` with no config looks templates up in: the demo's, with ValidDate
 * 12 months out as its only field rule (so rows need a user and, if any, a level VIP1 or VIP2).
 * Pass `env: { XDG_STATE_HOME: stateHome }` to runInProcess.
 */
export async function localTemplate(): Promise<{ stateHome: string; templateId: string }> {
  const stateHome = tempDir();
  const ctx = {
    stdout: new PassThrough(), stderr: new PassThrough(), stdin: Readable.from([]),
    env: { XDG_STATE_HOME: stateHome }, cwd: stateHome, homeDir: stateHome, now: () => NOW, globals: {},
  };
  const gateway = await connectLocal(ctx);
  try {
    const template = { ...demoTemplate('unit-batch'), field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] };
    const created = await gateway.client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(template), retrySafe: true });
    return { stateHome, templateId: String(created.node.template_id) };
  } finally {
    await gateway.close();
  }
}
