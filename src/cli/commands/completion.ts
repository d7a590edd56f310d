import type { Command } from 'commander';
import { completeWords } from '../completion/complete.js';
import { completionScript, type Shell } from '../completion/scripts.js';
import type { Context } from '../context.js';

/** `completion <shell>`: the script to load in that shell. */
export function runCompletion(ctx: Context, shell: Shell): void {
  ctx.stdout.write(completionScript(shell));
}

/** `__complete -- <words>`: what the scripts ask; a first line `:files` or `:nofiles`, then a candidate per line. */
export async function runComplete(ctx: Context, root: Command & { defineAll?: () => void }, words: readonly string[]): Promise<void> {
  root.defineAll?.();
  const { candidates, files } = await completeWords(root, words);
  ctx.stdout.write([files ? ':files' : ':nofiles', ...candidates].join('\n') + '\n');
}
