import type { Context } from './context.js';

/** What output is laid out for when nothing says otherwise: the classic terminal. */
export const DEFAULT_WIDTH = 80;
/** Narrower than this, a two-column table has no room for its values; the terminal wraps instead. */
const MIN_WIDTH = 40;

/**
 * The columns output should fit: the terminal's own width when the stream is one, else `COLUMNS`
 * (what shells export, and how a script asks for a width), else 80.
 */
export function terminalWidth(ctx: Pick<Context, 'env'>, stream: { isTTY?: boolean; columns?: number } = {}): number {
  const fromEnv = Number(ctx.env.COLUMNS);
  const width = stream.isTTY && stream.columns ? stream.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH;
  return Math.max(MIN_WIDTH, width);
}

/** The width of stdout, where tables go. */
export function stdoutWidth(ctx: Pick<Context, 'env' | 'stdout'>): number {
  return terminalWidth(ctx, ctx.stdout as { isTTY?: boolean; columns?: number });
}
