import { beijingDigits, formatTimestamp, parseTimestamp, ProtocolError } from '../../../src/protocol/index.js';
import { generateOutSerialNo } from '../../../src/cards/card-open-fields.js';

describe('formatTimestamp', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it.each(['America/New_York', 'UTC', 'Asia/Tokyo', 'Asia/Shanghai', 'Pacific/Kiritimati'])(
    'gives Shanghai time whatever the process zone (%s)',
    (zone) => {
      process.env['TZ'] = zone;
      expect(formatTimestamp(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01 08:00:00');
      // A New York DST instant and the day rolling over in Shanghai only.
      expect(formatTimestamp(new Date('2024-07-04T17:30:05.999Z'))).toBe('2024-07-05 01:30:05');
    },
  );

  it.each([
    ['2023-12-31T15:59:59Z', '2023-12-31 23:59:59'],
    ['2023-12-31T16:00:00Z', '2024-01-01 00:00:00'],
    ['2024-02-28T16:00:00Z', '2024-02-29 00:00:00'],
    ['1999-12-31T16:00:00Z', '2000-01-01 00:00:00'],
  ])('%s → %s', (iso, text) => {
    expect(formatTimestamp(new Date(iso))).toBe(text);
  });

  it('refuses an invalid Date', () => {
    expect(() => formatTimestamp(new Date(Number.NaN))).toThrow(ProtocolError);
  });
});

describe('beijingDigits', () => {
  it('is Beijing time to the millisecond, digits only', () => {
    expect(beijingDigits(new Date('2024-05-01T01:30:00.123Z'))).toBe('20240501093000123');
    expect(beijingDigits(new Date('2023-12-31T16:00:00.007Z'))).toBe('20240101000000007');
    expect(beijingDigits(new Date('1970-01-01T00:00:00.000Z'))).toBe('19700101080000000');
  });

  it('agrees with toISOString shifted by eight hours, for 20,000 instants from 1970 to 9999', () => {
    // Derived another way: the ISO string of the instant eight hours later, its digits.
    const last = Date.UTC(9999, 11, 31, 15, 59, 59, 999);
    for (let i = 0; i < 20_000; i++) {
      const epoch = Math.floor(Math.random() * last);
      const iso = new Date(epoch + 8 * 3600_000).toISOString().slice(0, 23).replace(/\D/g, '');
      expect(beijingDigits(new Date(epoch))).toBe(iso);
    }
  });

  it('refuses an invalid Date and a year past 9999 in Beijing', () => {
    expect(() => beijingDigits(new Date(Number.NaN))).toThrow(ProtocolError);
    expect(() => beijingDigits(new Date('9999-12-31T16:00:00Z'))).toThrow(ProtocolError);
  });
});

describe('generateOutSerialNo', () => {
  it('is the Beijing stamp, then one base-36 digit per random byte', () => {
    const serial = generateOutSerialNo(new Date('2024-05-01T01:30:00.123Z'), Uint8Array.from([0, 35, 36, 255]));
    expect(serial).toBe('20240501093000123' + '0z03');
  });
});

describe('parseTimestamp', () => {
  it('reads Shanghai time', () => {
    expect(parseTimestamp('2024-01-01 08:00:00')?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parseTimestamp('2024-02-29 00:00:00')?.toISOString()).toBe('2024-02-28T16:00:00.000Z');
    expect(parseTimestamp('2000-02-29 23:59:59')?.toISOString()).toBe('2000-02-29T15:59:59.000Z');
  });

  it('round-trips with formatTimestamp', () => {
    for (const text of ['1970-01-01 08:00:00', '2023-12-31 23:59:59', '2038-01-19 11:14:08', '0099-06-15 12:00:00']) {
      expect(formatTimestamp(parseTimestamp(text)!)).toBe(text);
    }
  });

  it.each([
    '2023-02-29 00:00:00',
    '1900-02-29 00:00:00',
    '2023-02-30 00:00:00',
    '2024-04-31 00:00:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-01-00 00:00:00',
    '2024-01-01 24:00:00',
    '2024-01-01 25:00:00',
    '2024-01-01 00:60:00',
    '2024-01-01 00:00:60',
    '2024-1-1 1:1:1',
    '2024-01-01T00:00:00',
    '2024-01-01 00:00:00Z',
    '2024-01-01 00:00:00\n',
    ' 2024-01-01 00:00:00',
    '2024-01-01 00:00:00.000',
    '２０２４-01-01 00:00:00',
    '',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
