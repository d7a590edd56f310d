import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../../src/cli/context.js';
import { chooseLanguage } from '../../../src/cli/language.js';
import { loadProfile } from '../../../src/cli/session.js';

// The config file is found and read once a run: the language lookup, before the command line is
// parsed, hands what it found to the first profile load (cli/language.ts, cli/session.ts).

function context(dir: string, config: string | undefined): Context {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config') },
    cwd: dir,
    homeDir: dir,
    now: () => new Date('2024-05-01T01:30:00Z'),
    globals: config === undefined ? {} : { config },
  };
}

const profile = (appId: string) => JSON.stringify({ profiles: { default: { appId } } });

describe('the config file, read once a run', () => {
  it('the first profile load takes what the language lookup read; a later one reads the file again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-session-'));
    const file = join(dir, 'rc.json');
    writeFileSync(file, profile('2021000000000001'));
    const ctx = context(dir, file);
    await chooseLanguage(['-c', file, 'config', 'show'], ctx);
    expect(ctx.configFound).toMatchObject({ configFile: file, found: { path: file, content: { profiles: { default: { appId: '2021000000000001' } } } } });
    // Changed on disk after the lookup (as a command may write it): the first load still takes the
    // lookup's, the next one the file's.
    writeFileSync(file, profile('2021000000000002'));
    expect((await loadProfile(ctx)).profile.appId).toBe('2021000000000001');
    expect(ctx.configFound).toBeUndefined();
    expect((await loadProfile(ctx)).profile.appId).toBe('2021000000000002');
  });

  it('is not taken for another --config, directory or environment than the ones it was found for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-session-'));
    writeFileSync(join(dir, 'a.json'), profile('2021000000000001'));
    writeFileSync(join(dir, 'b.json'), profile('2021000000000002'));
    const ctx = context(dir, join(dir, 'b.json'));
    await chooseLanguage(['-c', join(dir, 'a.json'), 'config', 'show'], ctx);
    expect((await loadProfile(ctx)).profile.appId).toBe('2021000000000002');
    // Found in one directory, loaded for another: searched again.
    const other = mkdtempSync(join(tmpdir(), 'alipay-card-session-'));
    writeFileSync(join(dir, '.alipay-cardrc.json'), profile('2021000000000003'));
    writeFileSync(join(other, '.alipay-cardrc.json'), profile('2021000000000004'));
    const moved = context(dir, undefined);
    await chooseLanguage(['config', 'show'], moved);
    expect(moved.configFound?.found?.path).toBe(join(dir, '.alipay-cardrc.json'));
    moved.cwd = other;
    expect((await loadProfile(moved)).profile.appId).toBe('2021000000000004');
  });

  it('a file the lookup could not read is read, and reported, by the profile load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-session-'));
    const file = join(dir, 'rc.json');
    writeFileSync(file, '{ not json');
    const ctx = context(dir, file);
    await chooseLanguage(['-c', file, 'config', 'show'], ctx);
    expect(ctx.configFound).toBeUndefined();
    await expect(loadProfile(ctx)).rejects.toThrow(/rc\.json/);
  });
});
