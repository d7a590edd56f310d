import type { FieldProblem } from '../../cards/fields.js';
import { cardOpenFields } from '../../cards/card-open-fields.js';
import { problemText, shownValue } from '../../cards/problems.js';
import { UsageError } from '../../errors.js';
import { cardCommandsCommonText } from '../../i18n/en/card-commands-common.js';
import type { Text } from '../../i18n/text.js';

/** The flag that sets a path: its own flag, or --front-text for the lines of front_text_list. */
export function flagOfPath(path: string): string | undefined {
  if (path.startsWith('card_ext_info.front_text_list')) return '--front-text';
  const field = cardOpenFields().find((f) => f.path === path);
  return field ? `--${field.flag}` : undefined;
}

/** Every problem at once, each naming its field, the flag or input it came from, and what would be valid. */
export function reportProblems(problems: readonly FieldProblem[], options: { labelOf?: (path: string) => string | undefined; hint?: Text | string | undefined } = {}): void {
  if (problems.length === 0) return;
  const labelOf = options.labelOf ?? flagOfPath;
  const lines = problems.map((p) => cardCommandsCommonText.problemLine({
    path: p.path || 'biz_content',
    flag: labelOf(p.path) ?? '',
    message: problemText(p),
    got: p.value === undefined ? '' : shownValue(p.value),
  }));
  throw new UsageError(cardCommandsCommonText.invalidFields({ count: problems.length, lines }), { hint: options.hint });
}

