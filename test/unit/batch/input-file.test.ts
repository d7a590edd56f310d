import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { scanInputFile } from '../../../src/batch/input-file.js';
import { tempDir, writeFile } from './helpers.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');

describe('input file: encoding detection and identity', () => {
  const dir = tempDir();

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name\n张三\n')]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from('name\n张三\n'), 'utf-8'],
    ['ASCII', Buffer.from('name\nLee\n'), 'utf-8'],
    ['GBK (what Excel saves in a Chinese locale)', iconv.encode('name\n张三\n', 'gbk'), 'gb18030'],
    ['GB18030 with a character GBK lacks', iconv.encode('name\n𠀀\n', 'gb18030'), 'gb18030'],
  ])('%s is read as %s', async (_name, bytes, expected) => {
    const file = await scanInputFile(writeFile(dir, `f${Math.random()}.csv`, bytes));
    expect(file.encoding).toBe(expected);
    expect(file.detected).toBe(true);
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.bytes).toBe(bytes.length);
  });

  it('finds GBK bytes after a long ASCII stretch: the whole file is checked, not a sample', async () => {
    const bytes = Buffer.concat([Buffer.from('name\n' + 'Lee\n'.repeat(300_000)), iconv.encode('张三\n', 'gbk')]);
    expect((await scanInputFile(writeFile(dir, 'late.csv', bytes))).encoding).toBe('gb18030');
  });

  it('--encoding forces the encoding', async () => {
    const file = await scanInputFile(writeFile(dir, 'forced.csv', 'name\nLee\n'), 'gbk');
    expect(file).toMatchObject({ encoding: 'gbk', detected: false });
  });

  it('refuses UTF-16 (Excel "Unicode Text") with what to do instead', async () => {
    const path = writeFile(dir, 'u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\n', 'utf16le')]));
    await expect(scanInputFile(path)).rejects.toThrow(/is UTF-16 text, not a CSV file/);
  });
});
