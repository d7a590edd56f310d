import { ConfigError, UsageError, CliError } from '../../src/errors.js';

describe('errors', () => {
  it('carry their exit code, hint and class name', () => {
    const e = new ConfigError('no key', { hint: 'set privateKeyFile' });
    expect(e).toBeInstanceOf(CliError);
    expect(e.exitCode).toBe(3);
    expect(e.hint).toBe('set privateKeyFile');
    expect(e.name).toBe('ConfigError');
    expect(new UsageError('x').exitCode).toBe(2);
  });
});
