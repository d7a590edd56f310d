import { spawn } from 'node:child_process';
import { shellQuote } from '../../src/config/shell-word.js';
import { join } from 'node:path';
import { binPath, cleanEnv, repoRoot } from './cli.js';

export interface PtySession {
  /** Everything the terminal showed so far (stdout, and stderr unless redirected), escapes included. */
  screen(): string;
  /** Resolves with the screen once `pattern` shows on it; rejects after `timeoutMs` with what was there. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Types into the terminal. */
  type(text: string): void;
  exit: Promise<{ code: number | null; screen: string }>;
}

export interface PtyOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Appended to the command line as the shell reads it, e.g. `2>err.log`. */
  redirect?: string;
  timeoutMs?: number;
}

/**
 * Runs the real binary at a pseudo-terminal, as a person at a terminal would: util-linux
 * `script` gives it a pty for stdin, stdout and stderr (a `redirect` such as `2>log` applies
 * inside, as a shell would), forwards what is typed and returns the child's exit code (-e).
 */
export function runInPty(args: readonly string[], options: PtyOptions = {}): PtySession {
  const env = cleanEnv({ TERM: 'xterm', ...options.env });
  const home = env.HOME;
  const line = ['stty cols 100 rows 40;', 'exec', ...[process.execPath, binPath, ...args].map(shellQuote), options.redirect ?? ''].join(' ');
  const child = spawn('script', ['-qfec', line, '/dev/null'], { cwd: options.cwd ?? home, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const waiters = new Set<() => void>();
  const onData = (d: string) => {
    screen += d;
    for (const w of waiters) w();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  const exit = new Promise<{ code: number | null; screen: string }>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      for (const w of waiters) w();
      resolve({ code, screen });
    });
  });
  return {
    screen: () => screen,
    type: (text) => child.stdin.write(text),
    exit,
    waitFor: (pattern, timeoutMs = 15_000) => new Promise((resolve, reject) => {
      const check = () => {
        if (pattern.test(screen)) {
          done();
          resolve(screen);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`the command ended before ${pattern} showed; the screen:\n${screen}`));
        }
      };
      const t = setTimeout(() => {
        done();
        reject(new Error(`${pattern} did not show in ${timeoutMs} ms; the screen:\n${screen}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(t);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    }),
  };
}

export interface TerminalOptions {
  cols?: number;
  rows?: number;
  cwd?: string;
  env?: Record<string, string>;
  /** [text to wait for, keys to send, seconds a person thinks first], in order: the answers typed at the prompts. */
  steps?: ReadonlyArray<readonly [string, string] | readonly [string, string, number]>;
}

/**
 * Runs the real binary on a pseudo-terminal (python3's pty module, pty-steps.py), answering its prompts by `steps`, of `cols` columns, so stdin,
 * stdout and stderr are all a terminal as at a person's shell. Returns what the terminal showed,
 * with escape sequences removed and CRLF as LF.
 */
export function runOnTerminal(args: readonly string[], options: TerminalOptions = {}): Promise<{ code: number | null; screen: string }> {
  const env = cleanEnv({ TERM: 'xterm', ...options.env });
  const py = ['python3', join(repoRoot, 'test/e2e/pty-steps.py'), String(options.cols ?? 80), String(options.rows ?? 40), JSON.stringify(options.steps ?? []), process.execPath, binPath, ...args];
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
