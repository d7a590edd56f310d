import { defines, namedOptions } from '../../../src/cli/named-options.js';

describe('the options a command line names', () => {
  it('are its long flags (less a value after =) and its lone one-letter flags, after -- too (it may be a value)', () => {
    expect(namedOptions(['-c', 'rc.json', '--timeout=5', 'sign', '--json', '-', '--', '--yes'])).toEqual(new Set(['-c', '--timeout', '--json', '--yes']));
    expect(namedOptions([])).toEqual(new Set());
  });

  it('--no-x names --x too: declared alone, commander would give x a default of true', () => {
    expect(namedOptions(['--no-color', 'sign'])).toEqual(new Set(['--no-color', '--color']));
  });

  it('are all of them (undefined) for help, or a word commander reads letter by letter', () => {
    for (const args of [['sign', '--help'], ['-h'], ['-yh', 'sign'], ['-vy', 'sign'], ['-cfile.json', 'sign'], ['card', 'open', '--point', '-10']]) {
      expect([args, namedOptions(args)]).toEqual([args, undefined]);
    }
  });

  it('an option is one of them when its definition has that flag, not a flag that begins with it', () => {
    expect(defines('-c, --config <file>', '-c')).toBe(true);
    expect(defines('-c, --config <file>', '--config')).toBe(true);
    expect(defines('--config <file>', '-c')).toBe(false);
    expect(defines('--config <file>', '--conf')).toBe(false);
    expect(defines('--no-color', '--color')).toBe(false);
    expect(defines('--color', '--color')).toBe(true);
    expect(defines('--user-id-type <value>', '--user-id')).toBe(false);
    expect(defines('--user-id <value>', '--user-id')).toBe(true);
  });
});
