import { ProtocolError } from './errors.js';
import { protocolText } from '../i18n/en/protocol-errors.js';

// The gateway reads `timestamp` as Beijing time and rejects one too far from its clock
// (isv.invalid-timestamp). China has kept UTC+8 with no DST since 1991, so a fixed offset is exact
// and does not depend on the host's zone or its tz database.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** E.g. 2024-01-01T00:00:00Z → '2024-01-01 08:00:00', whatever process.env.TZ says. */
export function formatTimestamp(date: Date): string {
  const [year, month, day, hour, minute, second] = beijingFields(date);
  return `${year}-${month}-${day} ${hour}:${minute}:${second}`;
}

/**
 * E.g. 2024-05-01T01:30:00.123Z → '20240501093000123': Beijing time to the millisecond, digits only
 * (the front of a generated out_serial_no). Not Date.prototype.toISOString: its first call in a
 * process costs ≈0.7 ms here, which every `card open` paid at start-up.
 */
export function beijingDigits(date: Date): string {
  return beijingFields(date).join('');
}

/** Year (4 digits), month, day, hours, minutes, seconds (2 digits each) and milliseconds (3), in Beijing. */
function beijingFields(date: Date): string[] {
  const epoch = date.getTime();
  if (Number.isNaN(epoch)) throw new ProtocolError('invalid-timestamp', protocolText.invalidDate());
  const shanghai = new Date(epoch + SHANGHAI_OFFSET_MS);
  const year = shanghai.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new ProtocolError('invalid-timestamp', protocolText.yearOutOfRange({ year }));
  }
  return [
    pad(year, 4), pad(shanghai.getUTCMonth() + 1), pad(shanghai.getUTCDate()),
    pad(shanghai.getUTCHours()), pad(shanghai.getUTCMinutes()), pad(shanghai.getUTCSeconds()), pad(shanghai.getUTCMilliseconds(), 3),
  ];
}

/** '2024-01-01 08:00:00' → 2024-01-01T00:00:00Z; undefined for any other shape or a date that does not exist. */
export function parseTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return new Date(date.getTime() - SHANGHAI_OFFSET_MS);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
