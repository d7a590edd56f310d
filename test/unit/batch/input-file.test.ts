import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { scanInputFile } from '../../../src/batch/input-file.js';
import type { UsageError } from '../../../src/errors.js';
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

  it('a file that reads as UTF-8 without Chinese and as GBK with Chinese is exit 2 asking which: 卢梅 in GBK is "¬÷" in UTF-8, José in UTF-8 "Jos茅" in GBK', async () => {
    const gbk = writeFile(dir, 'short-gbk.csv', Buffer.concat([Buffer.from('user_uni_id,name,cell\n2088000000000001,'), iconv.encode('卢梅', 'gbk'), Buffer.from(',13800001111\n')]));
    await expect(scanInputFile(gbk)).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: `${gbk} reads as UTF-8 and as GBK (its first non-ASCII text is "¬÷" in UTF-8, "卢梅" in GBK), and which it is cannot be told from its bytes`,
      hint: 'say which with --encoding utf-8 or --encoding gbk (Excel\'s "CSV UTF-8" adds a BOM that says UTF-8)',
    }));
    // Either answer is taken as given; so is a BOM, or Chinese anywhere in the UTF-8 reading.
    expect(await scanInputFile(gbk, 'gbk')).toMatchObject({ encoding: 'gbk' });
    const jose = writeFile(dir, 'jose.csv', 'name\nLee\nJosé\n');
    await expect(scanInputFile(jose)).rejects.toThrow('(its first non-ASCII text is "é" in UTF-8, "茅" in GBK)');
    expect(await scanInputFile(jose, 'utf-8')).toMatchObject({ encoding: 'utf-8' });
    expect(await scanInputFile(writeFile(dir, 'jose-bom.csv', '\ufeffname\nJosé\n'))).toMatchObject({ encoding: 'utf-8', detected: true });
    expect(await scanInputFile(writeFile(dir, 'jose-zhang.csv', 'name\nJosé\n张三\n'))).toMatchObject({ encoding: 'utf-8', detected: true });
    // A character of three bytes or more says UTF-8: full-width punctuation, an emoji (GBK reads them as 锛圴, 馃尭).
    expect(await scanInputFile(writeFile(dir, 'fullwidth.csv', 'level\n（VIP），\n'))).toMatchObject({ encoding: 'utf-8', detected: true });
    expect(await scanInputFile(writeFile(dir, 'emoji.csv', 'name\n🌸\n'))).toMatchObject({ encoding: 'utf-8', detected: true });
    // Text that GB18030 does not read (€ is e2 82 ac: "ac 0a" is no GB18030 character) is UTF-8, as before.
    expect(await scanInputFile(writeFile(dir, 'euro.csv', 'price\n5€\n'))).toMatchObject({ encoding: 'utf-8', detected: true });
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

describe('input file: neither UTF-8 nor GB18030', () => {
  const dir = tempDir();
  const scanError = async (bytes: Buffer): Promise<{ message: string; hint?: string; exitCode?: number }> => {
    try {
      await scanInputFile(writeFile(dir, `bad${Math.random()}.csv`, bytes));
    } catch (err) {
      return err as { message: string; hint?: string; exitCode?: number };
    }
    throw new Error('scanned without an error');
  };

  it('a UTF-8 file with one damaged byte is exit 2 naming its line and offset, and what to do', async () => {
    const bytes = Buffer.concat([Buffer.from('name,cell\r\nLee,130\r\nRé'), Buffer.from([0xff]), Buffer.from('mi,131\r\n')]);
    const err = await scanError(bytes);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/is neither UTF-8 nor GBK\/GB18030 text: as UTF-8 it breaks at line 3 \(byte offset 23: 0xff\), as GB18030 at line 3 \(byte offset 23: 0xff\)/);
    expect(err.hint).toContain('fix the damaged byte');
  });

  it('counts a BOM and Chinese text in the offset, and reads on past a UTF-8 sequence split between reads; a BOM says UTF-8', async () => {
    const text = '\ufeffname\n' + '张三\n'.repeat(30_000);
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9, 0x2c]), Buffer.from('\n')]);
    const err = await scanError(bytes);
    expect(err.message).toContain(`is UTF-8 with a damaged byte at line 30002 (byte offset ${Buffer.byteLength(text)}: 0xe9) (it starts with a UTF-8 BOM)`);
  });

  it('a GBK file with a byte no GB18030 has names where GB18030 breaks', async () => {
    const bytes = Buffer.concat([iconv.encode('姓名\r\n张三\r\n', 'gbk'), Buffer.from([0x81, 0x0a])]);
    const err = await scanError(bytes);
    expect(err.message).toMatch(/as UTF-8 it breaks at line 1 \(byte offset 0: 0xd0\), as GB18030 at line 3 \(byte offset 12: 0x81\)/);
  });

  it('--encoding does not read it anyway: a forced encoding that does not decode is exit 2 naming where', async () => {
    const path = writeFile(dir, 'forced-bad.csv', Buffer.from([0x6e, 0x0a, 0x6e, 0xff, 0x0a]));
    await expect(scanInputFile(path, 'utf-8')).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('--encoding utf-8: ' + path + ' is not UTF-8 text: it breaks at line 2 (byte offset 3: 0xff)'),
    });
  });

  it('a GBK file forced as UTF-8 is exit 2 naming where, and says it reads as GBK', async () => {
    const path = writeFile(dir, 'gbk-as-utf8.csv', iconv.encode('姓名,等级\r\n张三,VIP1\r\n', 'gbk'));
    const err = await scanInputFile(path, 'utf-8').then(() => undefined, (e: unknown) => e as { message: string; hint?: string });
    expect(err?.message).toContain('is not UTF-8 text: it breaks at line 1 (byte offset 0: 0xd0)');
    expect(err?.hint).toContain('it reads as GBK/GB18030: leave out --encoding');
  });

  it('a UTF-8 file forced as GBK is exit 2 whether or not it decodes as GBK: its Chinese would be garbled; ASCII is read as forced', async () => {
    const path = writeFile(dir, 'utf8-as-gbk.csv', Buffer.from('name\n张三\n'));
    // 张三 in UTF-8 is e5 bc a0 e4 b8 89: e5bc a0e4 b889 are all GBK pairs, so GBK "reads" it, as 寮犱笁.
    expect(new TextDecoder('gbk', { fatal: true }).decode(Buffer.from('张三'))).toBe('寮犱笁');
    for (const forced of ['gbk', 'gb18030'] as const) {
      const err = await scanInputFile(path, forced).catch((e: unknown) => e as UsageError);
      expect(err).toMatchObject({
        exitCode: 2,
        message: `--encoding ${forced}: ${path} is UTF-8 text (all of it reads as UTF-8, with Chinese in it, which GBK text practically never does): read as ${forced.toUpperCase()}, its Chinese would be garbled`,
        hint: 'it reads as UTF-8: leave out --encoding (the encoding is detected) or pass --encoding utf-8',
      });
    }
    const bom = writeFile(dir, 'bom-as-gbk.csv', Buffer.from('\ufeffname\nLee\n'));
    await expect(scanInputFile(bom, 'gbk')).rejects.toThrow(`--encoding gbk: ${bom} is UTF-8 text (it starts with a UTF-8 BOM)`);
    // GBK bytes that happen to read as UTF-8 read as symbols, not Chinese: 卢梅 is c2ac c3b7, "¬÷" in UTF-8.
    const gbk = writeFile(dir, 'gbk-reads-as-utf8.csv', Buffer.concat([Buffer.from('name\n'), Buffer.from([0xc2, 0xac, 0xc3, 0xb7]), Buffer.from('\n')]));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from([0xc2, 0xac, 0xc3, 0xb7]))).toBe('¬÷');
    expect(new TextDecoder('gbk').decode(Buffer.from([0xc2, 0xac, 0xc3, 0xb7]))).toBe('卢梅');
    expect(await scanInputFile(gbk, 'gbk')).toMatchObject({ encoding: 'gbk', detected: false });
    const ascii = writeFile(dir, 'ascii-as-gbk.csv', Buffer.from('name\nLee\n'));
    expect(await scanInputFile(ascii, 'gbk')).toMatchObject({ encoding: 'gbk', detected: false });
    const bad = writeFile(dir, 'utf8-as-gbk-bad.csv', Buffer.from([0x6e, 0x0a, 0x52, 0xff, 0x0a]));
    await expect(scanInputFile(bad, 'gbk')).rejects.toThrow(/--encoding gbk: .* is not GBK\/GB18030 text: it breaks at line 2/);
  });
});

describe('input file: UTF-8 with a damaged byte that GB18030 would read as mojibake', () => {
  it.each([
    ['Chinese names before the damage', Buffer.concat([Buffer.from('name\n张三\n李四\n王五\n赵六\n'), Buffer.from([0xc3, 0x41]), Buffer.from('\n')]), /is UTF-8 with a damaged byte at line 6 \(byte offset 33: 0xc3\) \(the 8 characters beyond ASCII before it read as UTF-8\)/],
    ['a BOM', Buffer.concat([Buffer.from('\ufeffname\nLee\n'), Buffer.from([0xc3, 0x41]), Buffer.from('\n')]), /is UTF-8 with a damaged byte at line 3 \(byte offset 12: 0xc3\) \(it starts with a UTF-8 BOM\)/],
  ])('%s: exit 2, not GB18030', async (_name, bytes, message) => {
    // GB18030 alone would take these: every byte of them decodes as GB18030.
    expect(new TextDecoder('gb18030', { fatal: true }).decode(bytes)).toBeTruthy();
    const path = writeFile(tempDir(), 'damaged.csv', bytes);
    await expect(scanInputFile(path)).rejects.toThrow(message);
  });
});
