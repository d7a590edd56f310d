import { PassThrough } from 'node:stream';
import { formatDuration, progressLine, startProgress } from '../../../src/batch/progress.js';

describe('progress bar', () => {
  it.each([
    [59.4, '59s'],
    [119.6, '2m00s'],
    [119.4, '1m59s'],
    [65, '1m05s'],
    [3599.7, '1h00m'],
    [7380, '2h03m'],
  ])('an ETA of %s s reads %s (never "1m60s")', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([120, 80, 60, 40])('never wider than a %i-column terminal, and keeps the failed and invalid counts', (columns) => {
    const line = progressLine({ done: 123_456, total: 1_000_000, failed: 12, invalid: 3, elapsedMs: 61_000 }, columns);
    expect(line.length).toBeLessThan(columns);
    expect(line).toContain('12 failed, 3 invalid');
    expect(line).toContain('123456/1000000');
  });

  it('a stop erases the bar at once and draws it no more', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    let written = '';
    stream.on('data', (d: Buffer) => (written += d.toString()));
    const stop = new AbortController();
    let now = 0;
    const progress = startProgress(stream, 10, () => now, stop.signal);
    now = 1000;
    progress.rowEnded({ row: 2, out_serial_no: 's', status: 'issued' });
    stop.abort();
    const atStop = written;
    expect(atStop.endsWith('\r\x1b[K')).toBe(true);
    now = 2000;
    progress.rowEnded({ row: 3, out_serial_no: 's', status: 'issued' });
    progress.stop();
    expect(written).toBe(atStop);
    // Never hidden, so nothing to restore on any way out.
    expect(written).not.toContain('\x1b[?25l');
  });
});
