import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { homeDirectory, temporaryDirectory } from '../../../src/loader/user-dirs.js';

// Node's own answers are the oracle: a node process started with exactly this environment says what
// its os.tmpdir() and os.homedir() are (jest's process.env is a copy, which node:os does not read).
function nodeOs(env: Record<string, string>): { tmp: string; home: string } {
  const script = `const os = require('node:os'); process.stdout.write(JSON.stringify({ tmp: os.tmpdir(), home: os.homedir() }))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })) as { tmp: string; home: string };
}

describe('temporaryDirectory and homeDirectory read the environment as node:os does', () => {
  const cases: Array<Record<string, string>> = [
    {},
    { TMPDIR: '/var/tmp' },
    { TMPDIR: '/var/tmp/' },
    { TMPDIR: '/' },
    { TMPDIR: '//' },
    { TMPDIR: '', TMP: '/scratch/' },
    { TMP: '/scratch', TEMP: '/other' },
    { TEMP: '/other/' },
    { TMPDIR: 'relative/dir/' },
    { HOME: '/home/someone' },
    { HOME: '/home/someone/' },
    { HOME: '' },
  ];

  it.each(cases)('%j', (env) => {
    const expected = nodeOs(env);
    expect(temporaryDirectory(env)).toBe(expected.tmp);
    // HOME unset: both ask the user database, but ours asks it through node:os in this process,
    // whose real environment (not jest's copy) may have a HOME: the test below.
    if (env.HOME !== undefined) expect(homeDirectory(env)).toBe(expected.home);
  });

  it('HOME unset: node:os answers (the user database, or this process\'s own HOME)', () => {
    expect(homeDirectory({ TMPDIR: '/var/tmp' })).toBe(homedir());
  });
});
