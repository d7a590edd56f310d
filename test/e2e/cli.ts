import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const binPath = join(repoRoot, 'bin/alipay-card.js');
export const vectorsDir = join(repoRoot, 'test/fixtures/vectors');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  timeoutMs?: number;
}

/**
 * Runs the real binary (built dist/) as a user's shell would: no TTY, a clean environment with
 * its own HOME and XDG config dir, so no config or ALIPAY_* variable of the machine leaks in.
 */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env = cleanEnv(options.env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], { cwd: options.cwd ?? env.HOME, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The test run's temporary directory (test/setup/temporary-root.mjs), for the environment of a
 * process a test starts: the CLI keeps its code caches under TMPDIR, and under /tmp every build
 * the tests ran left thousands of them (700 MB after a week of work on one machine).
 */
export function runTemporaryDir(): { TMPDIR?: string } {
  return process.env.TMPDIR === undefined ? {} : { TMPDIR: process.env.TMPDIR };
}

/** The environment of a fresh user: its own HOME and XDG dirs, no colour, and `extra` on top. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> & { HOME: string } {
  const home = extra.HOME ?? mkdtempSync(join(tmpdir(), 'alipay-card-home-'));
  const env: Record<string, string> & { HOME: string } = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local/state'),
    NO_COLOR: '1',
    ...runTemporaryDir(),
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** A working directory with a `.alipay-cardrc.json` holding `profiles`, and key files copied in. */
export function projectWithConfig(config: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-proj-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
    chmodSync(join(dir, name), 0o600);
  }
  writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify(config, null, 2));
  return dir;
}
