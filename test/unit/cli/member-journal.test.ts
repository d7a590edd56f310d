import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { MemberJournal } from '../../../src/cli/member-journal.js';
import { mountTmpfs, tmpfsUnavailable } from '../../tmpfs.js';

const dir = () => mkdtempSync(join(tmpdir(), 'member-journal-'));
const biz = (serial: string) => ({ out_serial_no: serial, card_template_id: 'T' });

describe('member serve journal', () => {
  it('is used by one member serve at a time, under any name: a second is exit 2 naming the holder', async () => {
    const d = dir();
    const path = join(d, 'signups.ndjson');
    const first = await MemberJournal.open(path, 'T');
    await expect(MemberJournal.open(path, 'T')).rejects.toThrow(expect.objectContaining({ exitCode: 2, message: `another member serve (pid ${process.pid}) is using the journal ${path}` }));
    symlinkSync(path, join(d, 'link.ndjson'));
    await expect(MemberJournal.open(join(d, 'link.ndjson'), 'T')).rejects.toThrow(UsageError);
    first.close();
    (await MemberJournal.open(join(d, 'link.ndjson'), 'T')).close();
  });

  it('refuses a device as the journal: /dev/null keeps nothing', async () => {
    await expect(MemberJournal.open('/dev/null', 'T')).rejects.toThrow('--journal /dev/null is not a file');
  });

  it('a card request with no answer is pending for its member until a request with its serial ends, issued or refused', async () => {
    const path = join(dir(), 'j.ndjson');
    const journal = await MemberJournal.open(path, 'T');
    journal.append('A', { user_id: 'U', answers: { n: '1' } });
    journal.append('A', { biz: biz('S1') });
    expect(journal.pendingOf('U')).toEqual({ requestId: 'A', biz: biz('S1') });
    // Another sign-up of the member sends it again; its card ends both.
    journal.append('B', { user_id: 'U', answers: { n: '2' } });
    journal.append('B', { biz: biz('S1') });
    journal.append('B', { biz_card_no: 'C1' });
    expect([journal.pendingOf('U'), journal.cardOf('U')]).toEqual([undefined, 'C1']);
    // A refusal ends one too: the next sign-up is a request of its own.
    journal.append('D', { user_id: 'V', answers: {} });
    journal.append('D', { biz: biz('S2') });
    journal.append('D', { refused: 'INVALID_PARAMETER' });
    expect(journal.pendingOf('V')).toBeUndefined();
    journal.close();
    // The same after a restart.
    const again = await MemberJournal.open(path, 'T');
    expect([again.pendingOf('U'), again.cardOf('U'), again.pendingOf('V')]).toEqual([undefined, 'C1', undefined]);
    again.close();
  });

  it('a damaged line before others is exit 2 naming it (it may hold a card); a last line a kill cut short is done again', async () => {
    const path = join(dir(), 'j.ndjson');
    const lines = ['{"request_id":"A","user_id":"U","answers":{}}', '{"request_id":"A","biz":{"out_serial_no":"S"}}', '{"request_id":"A","biz_card_no":"C"}'];
    writeFileSync(path, `${lines[0]}\n${lines[1]}\n{"request_id":"A","biz_ca`);
    const cut = await MemberJournal.open(path, 'T');
    expect([cut.cardOf('U'), cut.pendingOf('U')?.requestId]).toEqual([undefined, 'A']);
    cut.append('A', { biz_card_no: 'C' });
    cut.close();
    expect(readFileSync(path, 'utf8').split('\n').slice(-2)).toEqual([lines[2], '']);
    expect((await MemberJournal.open(path, 'T')).cardOf('U')).toBe('C');

    const damaged = join(dir(), 'j.ndjson');
    writeFileSync(damaged, `${lines[0]}\n\u0000${lines[2]}\n${lines[1]}\n`);
    await expect(MemberJournal.open(damaged, 'T')).rejects.toThrow(expect.objectContaining({
      exitCode: 2,
      message: expect.stringMatching(new RegExp(`^the journal ${damaged} is damaged at line 2: `)),
      hint: expect.stringContaining('a line with biz_card_no is a card issued'),
    }));
    // Released: mended, it opens.
    writeFileSync(damaged, `${lines.join('\n')}\n`);
    (await MemberJournal.open(damaged, 'T')).close();
  });

  it('a last line whole but for its newline (a hand mend) is kept and ended; a line cut short before others (an older version wrote on after it) is skipped with a warning', async () => {
    const path = join(dir(), 'j.ndjson');
    writeFileSync(path, '{"request_id":"A","user_id":"U","answers":{}}\n{"request_id":"A","biz":{"out_serial_no":"S"}}\n{"request_id":"A","biz_card_no":"C"}');
    const mended = await MemberJournal.open(path, 'T');
    expect(mended.cardOf('U')).toBe('C');
    mended.close();
    expect(readFileSync(path, 'utf8').endsWith('{"request_id":"A","biz_card_no":"C"}\n')).toBe(true);

    const older = join(dir(), 'j.ndjson');
    writeFileSync(older, '{"request_id":"A","user_id":"U","answers":{}}\n{"request_id":"A","biz":{"out_ser\n{"request_id":"B","user_id":"V","answers":{}}\n');
    const warnings: string[] = [];
    const opened = await MemberJournal.open(older, 'T', (m) => warnings.push(String(m)));
    expect(warnings).toEqual([`warning: the journal ${older} has a line cut short at line 2 (a kill, before this version took such lines back): skipped, its step is done again`]);
    expect([opened.pendingOf('U'), opened.get('B')?.user_id]).toEqual([undefined, 'V']);
    opened.close();
  });

  it('holds one template\'s sign-ups: another template\'s is exit 2 (its members are not members of this one)', async () => {
    const path = join(dir(), 'j.ndjson');
    writeFileSync(path, '{"request_id":"A","user_id":"U","answers":{}}\n{"request_id":"A","biz":{"out_serial_no":"S","card_template_id":"T1"}}\n');
    await expect(MemberJournal.open(path, 'T2')).rejects.toThrow(expect.objectContaining({ exitCode: 2, message: `the journal ${path} holds sign-ups for template T1, not T2` }));
    (await MemberJournal.open(path, 'T1')).close();
  });
});

const noTmpfs = tmpfsUnavailable('the member journal full-disk test');

describe('member serve journal on a full disk', () => {
  (noTmpfs ? it.skip : it)('a step that does not fit is an error and leaves no half line: the journal reads as before, and takes the step once there is room', async () => {
    const d = mountTmpfs(64) as string;
    try {
      const path = join(d, 'j.ndjson');
      const journal = await MemberJournal.open(path, 'T');
      journal.append('A', { user_id: 'U', answers: {} });
      const before = readFileSync(path, 'utf8');
      // Fill the disk but for a few bytes.
      const filler = join(d, 'filler');
      try {
        for (;;) appendFileSync(filler, Buffer.alloc(4096));
      } catch { /* full */ }
      try {
        for (;;) appendFileSync(filler, Buffer.alloc(64));
      } catch { /* full */ }
      expect(() => journal.append('A', { biz: { out_serial_no: 'S', padding: 'x'.repeat(8000) } })).toThrow(/ENOSPC|no space/);
      expect(readFileSync(path, 'utf8')).toBe(before);
      expect(journal.pendingOf('U')).toBeUndefined();
      writeFileSync(filler, '');
      journal.append('A', { biz: { out_serial_no: 'S' } });
      journal.close();
      expect(statSync(path).size).toBeGreaterThan(before.length);
      expect((await MemberJournal.open(path, 'T')).pendingOf('U')).toEqual({ requestId: 'A', biz: { out_serial_no: 'S' } });
    } finally {
      execFileSync('umount', ['-l', d]);
    }
  });
});
