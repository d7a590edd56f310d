import { shellQuote } from '../../config/shell-word.js';
import { cardOpenRows } from '../../cards/card-open-shape.js';
import type { Context } from '../context.js';
import { flagOfPath } from './card-open-problems.js';

const FRONT_TEXT = 'card_ext_info.front_text_list';

/**
 * The `card open` command line that builds this request again from the fields `keep` selects
 * (what the person gave and answered, not what was defaulted from the clock): printed when they
 * answer no, or when a mistyped template id ends the run after they answered the prompts.
 */
export function cardOpenCommand(ctx: Context, biz: Record<string, unknown>, keep: (path: string) => boolean): string {
  const words = ['alipay-card'];
  const { config, profile, gateway } = ctx.globals;
  if (config !== undefined) words.push('-c', shellQuote(config));
  if (profile !== undefined) words.push('-p', shellQuote(profile));
  if (gateway !== undefined) words.push('--gateway', shellQuote(gateway));
  words.push('card', 'open');
  const rows = cardOpenRows(biz).filter(([path]) => keep(path));
  for (const [path, value] of rows) {
    if (path.startsWith(FRONT_TEXT)) continue;
    const flag = flagOfPath(path);
    words.push(flag ? `${flag} ${shellQuote(value)}` : `--set ${shellQuote(`${path}=${value}`)}`);
  }
  const ext = biz.card_ext_info as { front_text_list?: Array<{ label?: unknown; value?: unknown }> } | undefined;
  if (rows.some(([path]) => path.startsWith(FRONT_TEXT))) {
    for (const line of ext?.front_text_list ?? []) words.push(`--front-text ${shellQuote(`${String(line.label)}=${String(line.value)}`)}`);
  }
  return words.join(' ');
}
