import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { binPath, cleanEnv, repoRoot } from './cli.js';

export interface PtyOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
  /** [text to wait for, keys to send, seconds a person thinks first], in order: the answers typed at the prompts. */
  steps?: ReadonlyArray<readonly [string, string] | readonly [string, string, number]>;
}

/**
 * Runs the real binary on a pseudo-terminal (python3's pty module) of `cols` columns, so stdin,
 * stdout and stderr are all a terminal as at a person's shell. Returns what the terminal showed,
 * with escape sequences removed and CRLF as LF.
 */
export function runOnTerminal(args: readonly string[], options: PtyOptions = {}): Promise<{ code: number | null; screen: string }> {
  const env = cleanEnv({ TERM: 'xterm', ...options.env });
  const py = ['python3', join(repoRoot, 'test/e2e/pty-run.py'), String(options.cols ?? 80), String(options.rows ?? 40), JSON.stringify(options.steps ?? []), process.execPath, binPath, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(py[0]!, py.slice(1), { cwd: options.cwd ?? env.HOME, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let raw = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (raw += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: plainScreen(raw) }));
  });
}

/** Terminal output as text: colour and cursor sequences dropped, CRLF as LF. */
export function plainScreen(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\u001b\][^\u0007]*\u0007/g, '').replace(/\r\n/g, '\n');
}
