import { appendFileSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchPaths } from '../../../src/batch/paths.js';
import { runInProcess } from '../cli/harness.js';
import { FakeGateway } from './fake-gateway.js';
import { localTemplate, memberRows, resultsCsv, runFile, tempDir, writeFile } from './helpers.js';

/** A write function that fails as a full disk does once `limit` bytes have gone to files whose path ends in `suffix`. */
function diskFullAfter(suffix: string, limit: number) {
  let written = 0;
  return (fd: number, text: string, path: string) => {
    if (path.endsWith(suffix)) {
      const bytes = Buffer.byteLength(text);
      if (written + bytes > limit) {
        // As the kernel does: what fits goes out, then ENOSPC.
        writeFileSync(fd, Buffer.from(text).subarray(0, limit - written));
        written = limit;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
      }
      written += bytes;
    }
    writeFileSync(fd, text);
  };
}

async function failure(promise: Promise<unknown>): Promise<Error & { exitCode?: number; hint?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('no error');
}

describe('card batch: a results or journal write that fails', () => {
  it.each([
    ['results file', '.results.csv', 1500],
    ['journal', '.results.journal', 3000],
  ])('a %s write that fails (disk full) ends the run with exit 2 naming the file and the cause; the lock is released; --resume then ends every row once', async (what, suffix, limit) => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(60));
    const err = await failure(runFile(gateway, input, { write: diskFullAfter(suffix, limit) }));
    const { results, journal } = batchPaths(process.cwd(), input, {});
    expect(err.message).toBe(`cannot write the ${what} ${what === 'journal' ? journal : results}: no space left on the device (ENOSPC)`);
    expect(err.exitCode).toBe(2);
    expect(err.constructor.name).toBe('BatchFileError');

    // Space freed: the same process resumes (a lock still held here would refuse it), and every
    // row ends once, with no card issued twice.
    const summary = await runFile(gateway, input, { resume: true });
    expect(summary.counts).toMatchObject({ issued: 60, failed: 0, invalid: 0, inFlight: 0 });
    expect(gateway.cards.size).toBe(60);
    const rows = resultsCsv(input).slice(1).map((r) => Number(r[0])).sort((a, b) => a - b);
    expect(rows).toEqual(Array.from({ length: 60 }, (_, i) => i + 2));
  });

  it('a journal whose first write fails is removed: nothing was sent under it, and the next run starts afresh', async () => {
    const gateway = new FakeGateway();
    const input = writeFile(tempDir(), 'members.csv', memberRows(3));
    const err = await failure(runFile(gateway, input, { write: diskFullAfter('.results.journal', 10) }));
    expect(err.message).toContain('cannot write the journal');
    expect(gateway.cards.size).toBe(0);
    const summary = await runFile(gateway, input);
    expect(summary.counts.issued).toBe(3);
  });
});

describe('card batch: results and journal paths the user gave', () => {
  let local: { stateHome: string; templateId: string };
  beforeAll(async () => {
    local = await localTemplate();
  });
  const batch = (dir: string, ...extra: string[]) =>
    runInProcess(['card', 'batch', 'm.csv', '--template-id', local.templateId, ...extra], { cwd: dir, env: { XDG_STATE_HOME: local.stateHome } });

  function project(): string {
    const dir = tempDir();
    writeFile(dir, 'm.csv', memberRows(2));
    return dir;
  }

  it('a symbolic link planted at the results path is refused (exit 2), and what it points at is left alone', async () => {
    const dir = project();
    writeFile(dir, 'precious.txt', 'keep me\n');
    symlinkSync(join(dir, 'precious.txt'), join(dir, 'out.csv'));
    const r = await batch(dir, '--results', 'out.csv');
    expect(r.stderr).toContain(`the results file ${join(dir, 'out.csv')} is a symbolic link`);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me\n');
  });

  it('a symbolic link at the journal path, even one pointing nowhere, is refused (exit 2)', async () => {
    const dir = project();
    symlinkSync(join(dir, 'nowhere'), join(dir, 'm.csv.results.journal'));
    const r = await batch(dir);
    expect(r.stderr).toContain(`the journal ${join(dir, 'm.csv.results.journal')} is a symbolic link`);
    expect(r.code).toBe(2);
  });

  it('a journal path that is a directory is exit 2 naming it, fresh or resumed', async () => {
    const dir = project();
    mkdirSync(join(dir, 'j'));
    for (const extra of [[], ['--resume']]) {
      const r = await batch(dir, '--journal', 'j', ...extra);
      expect(r.stderr).toContain(`the journal ${join(dir, 'j')} is a directory, not a file`);
      expect(r.stderr).not.toContain('internal error');
      expect(r.code).toBe(2);
    }
  });

  it.each([
    ['--results naming the input', ['--results', 'm.csv'], 'the results file {dir}/m.csv is the input file {dir}/m.csv: writing it would lose the rows', 'pass --results a path'],
    ['--results naming it another way', ['--results', './sub/../m.csv'], 'the results file {dir}/m.csv is the input file {dir}/m.csv', 'pass --results a path'],
    ['--results naming a hard link to it', ['--results', 'copy.csv'], 'the results file {dir}/copy.csv is the input file {dir}/m.csv', 'pass --results a path'],
    ['--journal naming the input', ['--journal', 'm.csv'], 'the journal {dir}/m.csv is the input file {dir}/m.csv', 'pass --journal'],
    ['--journal naming the results file', ['--results', 'r.csv', '--journal', 'r.csv'], 'the journal {dir}/r.csv is the results file: each needs a file of its own', 'pass --journal'],
  ])('%s is exit 2 before anything is read, locked or written: the input keeps its rows', async (_name, extra, message, hint) => {
    const dir = project();
    mkdirSync(join(dir, 'sub'));
    linkSync(join(dir, 'm.csv'), join(dir, 'copy.csv'));
    const before = readFileSync(join(dir, 'm.csv'), 'utf8');
    const r = await batch(dir, ...extra);
    expect(r.stderr).toContain(`error: ${message.replaceAll('{dir}', dir)}`);
    expect(r.stderr).toContain(`hint: ${hint}`);
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'm.csv'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'r.csv'))).toBe(false);
    expect(existsSync(join(dir, 'm.csv.results.csv'))).toBe(false);
  });

  it('a results path that is a directory is exit 2 naming it', async () => {
    const dir = project();
    mkdirSync(join(dir, 'r.csv'));
    const r = await batch(dir, '--results', 'r.csv');
    expect(r.stderr).toContain(`the results file ${join(dir, 'r.csv')} is a directory, not a file`);
    expect(r.code).toBe(2);
  });

  describe('a journal edited or taken from another file', () => {
    /** A 50-row file run to its end (exit 0), then `line` appended to its journal. */
    async function tampered(line: string, content = memberRows(50)): Promise<{ dir: string; journal: string; lines: number }> {
      const dir = tempDir();
      writeFile(dir, 'm.csv', content);
      expect((await batch(dir)).code).toBe(0);
      const journal = join(dir, 'm.csv.results.journal');
      appendFileSync(journal, line + '\n');
      return { dir, journal, lines: readFileSync(journal, 'utf8').trim().split('\n').length };
    }

    it('{"end":999999} is exit 2 naming the journal and its line, not a summary of 51 rows of 50', async () => {
      const { dir, journal, lines } = await tampered('{"end":999999}');
      const r = await batch(dir, '--resume');
      expect(r.stderr).toMatch(new RegExp(`the journal ${journal} is damaged at line ${lines}: row 999999 is past the end of the input \\(\\d+ bytes\\)`));
      expect(r.stderr).toContain('hint: restore it from a backup');
      expect(r.stderr).not.toMatch(/issued +51/);
      expect(r.code).toBe(2);
    });

    it('a well-formed record for a row past the end of the file, or for an empty row, is exit 2 naming the row and the line', async () => {
      const past = await tampered('{"end":60,"out_serial_no":"x","status":"issued"}');
      const r = await batch(past.dir, '--resume');
      expect(r.stderr).toContain(`the journal ${past.journal} is damaged at line ${past.lines}: row 60 is not a row of ${join(past.dir, 'm.csv')} (its last row is 51)`);
      expect(r.code).toBe(2);

      // Row 2 is an empty line (the members are rows 3 and 4): no data row, whatever the journal says.
      const empty = await tampered('{"send":2,"out_serial_no":"x"}', memberRows(2).replace('\n', '\n\n'));
      const e = await batch(empty.dir, '--resume');
      expect(e.stderr).toContain(`damaged at line ${empty.lines}: row 2 is not a row of ${join(empty.dir, 'm.csv')} (that row is empty)`);
      expect(e.code).toBe(2);
    });

    it('a last record cut short by a crash is still tolerated', async () => {
      const { dir } = await tampered('{"end":3,"out_serial_no":"x","sta');
      // Appended with its newline: without it, as a crash leaves it.
      const journal = join(dir, 'm.csv.results.journal');
      writeFileSync(journal, readFileSync(journal, 'utf8').replace(/\n$/, ''));
      const r = await batch(dir, '--resume');
      expect(r.stderr).toMatch(/issued +50/);
      expect(r.code).toBe(0);
    });
  });
});
