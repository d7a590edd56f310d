import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceFile } from '../../../src/config/replace-file.js';

// replaceFile: the file at the path is the old one whole or the new one whole, never a mix, and no
// temporary file is left behind whatever fails.

const dir = () => mkdtempSync(join(tmpdir(), 'alipay-card-replace-'));

describe('replaceFile', () => {
  it('writes a new file, and replaces an existing one whole, with the mode asked for', async () => {
    const d = dir();
    const path = join(d, 'out.json');
    await replaceFile(path, 'first\n', 0o600);
    expect([readFileSync(path, 'utf8'), statSync(path).mode & 0o777]).toEqual(['first\n', 0o600]);
    writeFileSync(path, 'a much longer old content that a shorter new one must not leave a tail of\n');
    await replaceFile(path, Buffer.from('new\n'));
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readdirSync(d)).toEqual(['out.json']);
  });

  it('replaces a symbolic link at the path instead of writing through it', async () => {
    const d = dir();
    writeFileSync(join(d, 'target'), 'keep me\n');
    symlinkSync(join(d, 'target'), join(d, 'link'));
    await replaceFile(join(d, 'link'), 'new\n');
    expect([readFileSync(join(d, 'target'), 'utf8'), lstatSync(join(d, 'link')).isSymbolicLink(), readFileSync(join(d, 'link'), 'utf8')]).toEqual(['keep me\n', false, 'new\n']);
  });

  it('fails with the OS error (its code intact) and leaves nothing behind: no directory, a directory in the way, a full device', async () => {
    const d = dir();
    await expect(replaceFile(join(d, 'missing', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(join(d, 'sub'));
    writeFileSync(join(d, 'sub', 'inside'), 'x');
    await expect(replaceFile(join(d, 'sub'), 'x')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(readdirSync(d).sort()).toEqual(['sub']);
    expect(readdirSync(join(d, 'sub'))).toEqual(['inside']);
  });
});
