import { PassThrough } from 'node:stream';
import stringWidth from 'string-width';
import { formatDuration, progressLine, startProgress } from '../../../src/batch/progress.js';
import { summaryLines, type BatchSummary } from '../../../src/batch/summary.js';
import { english, local, useLanguage } from '../../../src/i18n/text.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';

describe('progress bar', () => {
  it.each([
    [59.4, '59s'],
    [119.6, '2m00s'],
    [119.4, '1m59s'],
    [65, '1m05s'],
    [3599.7, '1h00m'],
    [7380, '2h03m'],
  ])('an ETA of %s s reads %s (never "1m60s")', (seconds, text) => {
    expect(english(formatDuration(seconds))).toBe(text);
  });

  it('an ETA is in the units of the language', () => {
    useLanguage('zh-CN', zhCN);
    try {
      expect([59.4, 65, 7380].map((seconds) => local(formatDuration(seconds)))).toEqual(['59秒', '1分05秒', '2小时03分']);
      expect(progressLine({ done: 500, total: 1000, failed: 0, invalid: 0, elapsedMs: 65_000 }, 120)).toContain('剩余 1分05秒');
    } finally {
      useLanguage('en');
    }
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

  describe('in Chinese', () => {
    beforeAll(() => useLanguage('zh-CN', zhCN));
    afterAll(() => useLanguage('en'));

    it.each([120, 80, 60, 40])('the line fits a %i-column terminal by display width (a Chinese character takes two columns)', (columns) => {
      const line = progressLine({ done: 123_456, total: 1_000_000, failed: 12, invalid: 3, elapsedMs: 61_000 }, columns);
      expect(stringWidth(line)).toBeLessThan(columns);
      expect(line).toContain('失败 12，无效 3');
      expect(line).toContain('123456/1000000');
    });

    it('the summary reads in Chinese, its numbers and paths as they are', () => {
      const summary: BatchSummary = {
        action: 'update', file: 'm.csv', rows: 10, ended: 8, issued: 6, balancesNormalised: 0, elapsedMs: 2000, results: 'r.csv', journal: 'r.journal', interrupted: true, abandoned: 0,
        counts: { issued: 7, failed: 1, failedRetryable: 1, invalid: 1, inFlight: 1, failedByReason: [['SYSTEM_ERROR', 1]] },
      };
      expect(summaryLines(summary)).toEqual([
        '已中断：m.csv 共 10 行',
        '  已更新   7',
        '  失败     1  (SYSTEM_ERROR 1)',
        '  无效     1',
        '  未完成   1（其中 1 行发送中：--resume 会重新发送）',
        '  本次运行 8 行，用时 2.0 秒，4 行/秒（已更新 6）',
        '  结果文件 r.csv',
        '  进度日志 r.journal',
      ]);
    });
  });
});
