import { runInProcess } from './harness.js';

describe('help asked for is exit 0; help shown for a mistake is exit 2', () => {
  it.each([
    [['help']],
    [['help', 'sign']],
    [['keys', 'help', 'generate']],
    [['card', 'help', 'open']],
    [['help', 'card', '--json', 'open']],
    [['help', 'keys']],
  ])('%j prints help on stdout and exits 0', async (args: string[]) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: alipay-card/);
  });

  it('`help sign` shows the sign command, not the overview', async () => {
    const r = await runInProcess(['help', 'sign']);
    expect(r.stdout).toMatch(/^Usage: alipay-card sign/);
  });

  it.each([
    [['keys']],
    [['config']],
  ])('%j (no subcommand) exits 2 with the help on stderr', async (args: string[]) => {
    const r = await runInProcess(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: alipay-card/);
  });
});

describe('help for a command that does not exist says which word, as running it would: exit 2', () => {
  it.each([
    [['help', 'nope'], "error: unknown command 'nope'\n"],
    [['help', 'crad', 'open'], "error: unknown command 'crad'\n(Did you mean card?)\n"],
    [['help', 'card', 'opne'], "error: unknown command 'opne'\n(Did you mean open?)\n"],
    [['card', 'help', 'opne'], "error: unknown command 'opne'\n(Did you mean open?)\n"],
    [['-p', 'x', 'keys', 'help', 'genrate'], "error: unknown command 'genrate'\n(Did you mean generate?)\n"],
    // Global options among the words.
    [['help', 'card', '--json', 'opne'], "error: unknown command 'opne'\n(Did you mean open?)\n"],
    [['card', '--json', 'help', 'opne'], "error: unknown command 'opne'\n(Did you mean open?)\n"],
    [['help', '--lang', 'en', 'crad'], "error: unknown command 'crad'\n(Did you mean card?)\n"],
  ])('%j', async (args: string[], stderr: string) => {
    const r = await runInProcess(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });
});

describe('group help shows examples', () => {
  it.each([['keys'], ['config'], ['card'], ['template'], ['gateway']])('%s --help', async (group) => {
    const r = await runInProcess([group, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n(\\s+\\$ alipay-card .*\\n)+`));
    // Each example runs a command of this group.
    const examples = r.stdout.slice(r.stdout.indexOf('Examples:')).split('\n').filter((l) => l.trim().startsWith('$'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const line of examples) expect(line).toMatch(new RegExp(`\\$ alipay-card (-p \\S+ )?${group} `));
  });
});
