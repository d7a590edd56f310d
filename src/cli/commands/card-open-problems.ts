import type { FieldProblem } from '../../cards/fields.js';
import { CARD_OPEN_FIELDS } from '../../cards/card-open-fields.js';
import { UsageError } from '../../errors.js';

/** The flag that sets a path: its own flag, or --front-text for the lines of front_text_list. */
export function flagOfPath(path: string): string | undefined {
  if (path.startsWith('card_ext_info.front_text_list')) return '--front-text';
  const field = CARD_OPEN_FIELDS.find((f) => f.path === path);
  return field ? `--${field.flag}` : undefined;
}

/** Every problem at once, each naming its field, the flag or input it came from, and what would be valid. */
export function reportProblems(problems: readonly FieldProblem[], options: { labelOf?: (path: string) => string | undefined; hint?: string | undefined } = {}): void {
  if (problems.length === 0) return;
  const labelOf = options.labelOf ?? flagOfPath;
  const lines = problems.map((p) => {
    const flag = labelOf(p.path);
    const shown = p.value === undefined ? '' : ` (got ${JSON.stringify(p.value)})`;
    return `  ${p.path || 'biz_content'}${flag ? ` [${flag}]` : ''}: ${p.message}${shown}`;
  });
  throw new UsageError(`${problems.length} invalid field${problems.length === 1 ? '' : 's'}; nothing was sent:\n${lines.join('\n')}`, { hint: options.hint });
}
