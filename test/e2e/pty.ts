import { spawn } from 'node:child_process';
import { shellQuote } from '../../src/config/shell-word.js';
import { binPath, cleanEnvironment } from './cli.js';

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
  const { home, env } = cleanEnvironment({ TERM: 'xterm', ...options.env });
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
