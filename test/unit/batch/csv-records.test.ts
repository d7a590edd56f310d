import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readCsvRecords } from '../../../src/batch/csv-records.js';
import { scanInputFile } from '../../../src/batch/input-file.js';
import { tempDir, writeFile } from './helpers.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');

async function records(content: string | Buffer, encoding?: 'utf-8' | 'gbk' | 'gb18030') {
  const path = writeFile(tempDir(), 'in.csv', content);
  const out: Array<[number, string[]]> = [];
  for await (const r of readCsvRecords(await scanInputFile(path, encoding))) out.push([r.row, r.cells]);
  return out;
}

async function failure(content: string): Promise<string> {
  try {
    await records(content);
  } catch (err) {
    return (err as Error).message.replace(/^.*in\.csv /, '');
  }
  throw new Error('no error');
}

describe('reading CSV records with spreadsheet row numbers', () => {
  it('counts the header as row 1, empty lines as rows, and a quoted value with line breaks as one row', async () => {
    const csv = 'a,b,c\r\n1,2,3\r\n\r\n4,"line one\r\nline two\nline three",6\r\n,,\r\n   \r\n7,"x, y",9\r\n';
    expect(await records(csv)).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', '2', '3']],
      [4, ['4', 'line one\r\nline two\nline three', '6']],
      [7, ['7', 'x, y', '9']],
    ]);
  });

  it('reads LF, CRLF and CR files alike, with or without a final newline', async () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(await records(['h1,h2', 'a,b', '', 'c,d'].join(eol))).toEqual([[1, ['h1', 'h2']], [2, ['a', 'b']], [4, ['c', 'd']]]);
    }
  });

  it('strips a UTF-8 BOM and decodes GBK', async () => {
    expect(await records('\ufeffname,cell\n张三,130\n')).toEqual([[1, ['name', 'cell']], [2, ['张三', '130']]]);
    const gbk = iconv.encode('name,cell\n张三,130\n李四,"北京,朝阳"\n', 'gbk');
    expect(await records(gbk)).toEqual([[1, ['name', 'cell']], [2, ['张三', '130']], [3, ['李四', '北京,朝阳']]]);
    expect(await records(gbk, 'gbk')).toEqual(await records(gbk));
  });

  it('accepts trailing empty cells past the header (a cleared column), nothing else', async () => {
    expect(await records('a,b\n1,2,,\n')).toEqual([[1, ['a', 'b']], [2, ['1', '2', '', '']]]);
  });

  it('nameless cells that end the header are not columns: empty cells under them are fine, a value is not dropped but refused', async () => {
    expect(await records('a,b,,\n1,2,,\n3,4\n')).toEqual([[1, ['a', 'b', '', '']], [2, ['1', '2', '', '']], [3, ['3', '4']]]);
    expect(await failure('a,b,,\n1,2,,\n3,4,x,\n')).toBe('line 3 (row 3): a value in column 3 (C), which has no name in the header');
    // Past every cell of the header, a value is one too many.
    expect(await failure('a,b,\n1,2,,\n3,4,,x\n')).toBe('line 3 (row 3): 4 values, but the header has 2 columns');
  });
});

describe('malformed CSV is an error naming the line', () => {
  it('a row with more values than the header', async () => {
    expect(await failure('a,b\n1,2\n\n3,4,5\n')).toBe('line 4 (row 4): 3 values, but the header has 2 columns');
  });

  it('a row with fewer values, after a multi-line value (lines and rows differ)', async () => {
    expect(await failure('a,b\n"x\ny",2\n3\n')).toBe('line 4 (row 3): 1 value, but the header has 2 columns');
  });

  it('an unbalanced quote is reported where the quoted value opens, not at the end of the file', async () => {
    expect(await failure('a,b\n1,2\n\n3,"4\n5,6\n7,8\n')).toMatch(/^line 4: a quoted value starts on this line .*unbalanced quote/);
  });

  it('a quote inside an unquoted value, and text after a closing quote', async () => {
    expect(await failure('a,b\n1,2\n3,4"x"\n')).toMatch(/^line 3: a quote in the middle of an unquoted value/);
    expect(await failure('a,b\n"1"x,2\n')).toMatch(/^line 2: text right after a closing quote/);
  });

  it('a missing file is a usage error', async () => {
    await expect(scanInputFile('/nonexistent/members.csv')).rejects.toThrow('cannot read /nonexistent/members.csv: no such file');
  });
});

describe('line numbers in CRLF files (Excel), where a cell can hold a line break', () => {
  // Each case: a multi-line cell on lines 2-3, then the broken record on line 4.
  it.each([
    ['a row too wide', 'a,b\r\n"x\r\ny",2\r\n3,4,5\r\n', /^line 4 \(row 3\): 3 values/],
    ['an unbalanced quote', 'a,b\r\n"x\r\ny",2\r\n3,"4\r\n5,6\r\n7,8\r\n', /^line 4: a quoted value starts on this line/],
    ['a quote inside an unquoted value', 'a,b\r\n"x\r\ny",2\r\n3,4"q"\r\n', /^line 4: a quote in the middle of an unquoted value/],
    ['text after a closing quote', 'a,b\r\n"x\r\ny",2\r\n"1"x,2\r\n', /^line 4: text right after a closing quote/],
    ['old Mac CR line ends', 'a,b\r"x\ry",2\r3,4,5\r', /^line 4 \(row 3\): 3 values/],
  ])('%s', async (_name, csv, message) => {
    expect(await failure(csv)).toMatch(message);
  });

  it('counts the line breaks of a GBK file the same way', async () => {
    const path = writeFile(tempDir(), 'in.csv', iconv.encode('姓名,等级\r\n"张\r\n三",VIP1\r\n李四,VIP1,x\r\n', 'gbk'));
    await expect(records(await readFile(path))).rejects.toThrow(/line 4 \(row 3\): 3 values/);
  });

  it('a CRLF split between two reads of the file is one line break', async () => {
    // 256 KiB reads: the CR is the last byte of the first, the LF the first of the second.
    const csv = 'a,b\r\n"' + 'x'.repeat(256 * 1024 - 7) + '\r\ny",2\r\n3,4,5\r\n';
    expect(csv.indexOf('\r\ny')).toBe(256 * 1024 - 1);
    expect(await failure(csv)).toMatch(/^line 4 \(row 3\): 3 values/);
  });

  it('a value over 1 MiB with no quote in it is reported as that, by row and column, not as an unbalanced quote', async () => {
    const message = await failure('user_uni_id,name\n2088302463082075,x\n2088302463082076,' + 'y'.repeat(1100 * 1024) + '\n');
    expect(message).toBe('line 3 (row 3), column 2 ("name"): the row runs on past 1 MiB, far longer than a row of card fields can be (a field holds 1,024 characters at most)');
    expect(message).not.toContain('quote');
  });

  it('a quoted value over 1 MiB on one line is a value over the limit too, not an unbalanced quote', async () => {
    const message = await failure('user_uni_id,name\n2088302463082075,"' + 'y'.repeat(1100 * 1024) + '"\n');
    expect(message).toBe('line 2 (row 2), column 2 ("name"): the row runs on past 1 MiB, far longer than a row of card fields can be (a field holds 1,024 characters at most)');
  });

  it('an unbalanced quote is reported after 1 MiB of what it swallowed, at the line it opens on', async () => {
    const csv = 'a,b\r\n1,2\r\n3,"4\r\n' + '5,6\r\n'.repeat(300_000);
    expect(await failure(csv)).toMatch(/^line 3: the row that starts on this line runs on past 1 MiB: a quoted value in it never closes \(unbalanced quote\)/);
  });
});
