import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputFile, outputFileError, writeOutputFile } from '../../../src/cli/output-file.js';
import { UsageError } from '../../../src/errors.js';

// The files commands write their results to (--out, --qr-out, --journal): what is wrong with one is
// exit 2 naming it, found before anything is sent where it can be; the write itself is atomic.

const dir = mkdtempSync(join(tmpdir(), 'alipay-card-output-'));
writeFileSync(join(dir, 'old.json'), 'old\n');
mkdirSync(join(dir, 'folder'));
const at = (name: string) => ({ path: join(dir, name), what: `--out ${name}` });
const refusal = (name: string, force = false) => {
  try {
    checkOutputFile(at(name), force);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return [(err as UsageError).exitCode, (err as UsageError).message];
  }
};

describe('checkOutputFile', () => {
  it.each([
    ['new.json', false, undefined],
    ['old.json', true, undefined],
    ['old.json', false, [2, '--out old.json exists']],
    ['folder', true, [2, '--out folder is a directory: name a file']],
    ['nowhere/x.json', false, [2, `--out nowhere/x.json: the directory ${join(dir, 'nowhere')} does not exist`]],
    ['old.json/x.json', false, [2, `--out old.json/x.json: ${join(dir, 'old.json')} is not a directory`]],
    ['old.json/a/b.json', false, [2, `--out old.json/a/b.json: ${join(dir, 'old.json')} is not a directory`]],
  ] as const)('%s (replace: %s)', (name, force, expected) => {
    expect(refusal(name, force)).toEqual(expected);
  });
});

describe('writeOutputFile', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    await writeOutputFile(at('old.json'), 'new\n');
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('new\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a full device is exit 2 naming the file and the cause', async () => {
    if (!existsSync('/dev/full')) return;
    await expect(writeOutputFile({ path: '/dev/full', what: '--out /dev/full' }, 'x')).rejects.toMatchObject({
      exitCode: 2,
      message: '--out /dev/full: cannot write it: no space left on the device (ENOSPC)',
    });
  });

  it('an error opening a file is exit 2 naming it: a directory as such, anything else with its reason', () => {
    const file = { path: '/x', what: '--journal /x' };
    expect(outputFileError(file, Object.assign(new Error('x'), { code: 'EISDIR' })).message).toBe('--journal /x is a directory: name a file');
    expect(outputFileError(file, Object.assign(new Error('x'), { code: 'EACCES' })).message).toBe('--journal /x: cannot write it: permission denied (EACCES)');
  });
});

describe('an output file that is a symbolic link is written through, as editors and cp do', () => {
  const links = mkdtempSync(join(tmpdir(), 'alipay-card-output-links-'));
  const file = (name: string) => ({ path: join(links, name), what: `--out ${name}` });

  it('--force on a link to a file replaces that file; the link stays a link', async () => {
    writeFileSync(join(links, 'real.json'), '{}\n');
    symlinkSync('real.json', join(links, 'lnk.json'));
    expect(() => checkOutputFile(file('lnk.json'), false)).toThrow('--out lnk.json exists');
    checkOutputFile(file('lnk.json'), true);
    await writeOutputFile(file('lnk.json'), 'new\n');
    expect([lstatSync(join(links, 'lnk.json')).isSymbolicLink(), readFileSync(join(links, 'real.json'), 'utf8')]).toEqual([true, 'new\n']);
  });

  it('a link to nothing yet is there (refused without --force); with it, the file it names is made', async () => {
    symlinkSync('made.json', join(links, 'dangling.json'));
    expect(() => checkOutputFile(file('dangling.json'), false)).toThrow('--out dangling.json exists');
    checkOutputFile(file('dangling.json'), true);
    await writeOutputFile(file('dangling.json'), 'made\n');
    expect([lstatSync(join(links, 'dangling.json')).isSymbolicLink(), readFileSync(join(links, 'made.json'), 'utf8')]).toEqual([true, 'made\n']);
  });

  it("a link into a folder that does not exist names that folder, before anything is sent", () => {
    symlinkSync('gone/x.json', join(links, 'into-gone.json'));
    expect(() => checkOutputFile(file('into-gone.json'), true)).toThrow(`--out into-gone.json: the directory ${join(links, 'gone')} does not exist`);
  });
});
