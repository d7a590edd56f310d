import { cardsCardOpenText as t } from '../i18n/en/cards-card-open.js';
import { fieldProblem, type FieldProblem } from './problems.js';

/**
 * A JSON number given where the reference types a String (`--set card_info.point:=7`, a --biz
 * file), as its decimal text — what Alipay's JSON binding makes of it. Two it cannot make exact are
 * problems, the value kept: a balance (1.50 arrives as 1.5, its two decimals lost) and a whole
 * number past 2^53 (JSON.parse lost its digits). Anything but a finite number is returned as it is.
 */
export function textOfNumber(key: string, value: unknown, at: string, problems: FieldProblem[]): unknown {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value;
  if (key === 'balance') {
    problems.push(fieldProblem(at, value, t.balanceAsNumber({ example: value.toFixed(2) })));
  } else if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    problems.push(fieldProblem(at, value, t.unsafeInteger()));
  } else return String(value);
  return value;
}
