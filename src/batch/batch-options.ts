import { UsageError } from '../errors.js';
import { batchInputText } from '../i18n/en/batch-input.js';
import { INPUT_ENCODINGS, type InputEncoding } from './input-file.js';

/** card batch's numeric and encoding flags, checked before anything is read: each bad value is exit 2 naming it. */

export function parseEncoding(value: string | undefined): InputEncoding | undefined {
  if (value === undefined) return undefined;
  const normalized = value.toLowerCase().replace(/^utf8$/, 'utf-8');
  if (!(INPUT_ENCODINGS as readonly string[]).includes(normalized)) throw new UsageError(batchInputText.encodingFlag({ valid: INPUT_ENCODINGS.join(', '), got: JSON.stringify(value) }));
  return normalized as InputEncoding;
}

export function parseWhole(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new UsageError(batchInputText.wholeNumberFlag({ flag, max, got: JSON.stringify(value) }));
  return Number(value);
}

export function parseRate(value: string): number {
  const rate = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(rate > 0)) throw new UsageError(batchInputText.rateFlag({ got: JSON.stringify(value) }));
  return rate;
}
