import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../../src/cli/context.js';
import type { Prompter } from '../../../src/cli/prompts.js';
import { run } from '../../../src/cli/main.js';

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams, a fixed clock and its own HOME. */
export async function runInProcess(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; tty?: boolean; prompter?: Prompter; now?: Date } = {},
): Promise<Captured> {
  const home = mkdtempSync(join(tmpdir(), 'alipay-card-unit-'));
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stdin = Object.assign(Readable.from([]), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ctx: Context = {
    stdout,
    stderr,
    stdin,
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), NO_COLOR: '1', ...options.env },
    cwd: options.cwd ?? home,
    homeDir: home,
    now: () => options.now ?? new Date('2024-05-01T01:30:00Z'),
    globals: {},
    ...(options.prompter ? { prompter: options.prompter } : {}),
  };
  const code = await run(args, ctx);
  return { code, stdout: out, stderr: err };
}

/** A prompter that answers from a script, in order, and fails the test on an unexpected question. */
export function scriptedPrompter(answers: Array<string | boolean | Error>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    const a = answers.shift()!;
    if (a instanceof Error) throw a;
    return a;
  };
  return {
    asked,
    input: async (q) => {
      const a = String(next(q.message));
      const valid = q.validate ? q.validate(a) : true;
      if (valid !== true) throw new Error(`answer ${a} to "${q.message}" rejected: ${valid}`);
      return a;
    },
    select: async (q) => next(q.message) as never,
    confirm: async (q) => Boolean(next(q.message)),
  };
}
