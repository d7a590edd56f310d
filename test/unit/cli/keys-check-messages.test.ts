import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInProcess } from './harness.js';

const vectors = resolve('test/fixtures/vectors');

function project(profile: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-kc-'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(vectors, 'app-private-key.pem'), join(dir, 'keys/app.pem'));
  chmodSync(join(dir, 'keys/app.pem'), 0o600);
  copyFileSync(join(vectors, 'alipay-public-key.pem'), join(dir, 'keys/alipay.pem'));
  copyFileSync(join(vectors, 'app-public-key.pem'), join(dir, 'keys/own.pem'));
  writeFileSync(join(dir, '.alipay-cardrc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000001', privateKeyFile: 'keys/app.pem', ...profile } } }));
  return dir;
}

describe('keys check says each thing once, in its own words', () => {
  it('--app-public-key @dir: exit 2, "it is a directory, not a file", not Node\'s EISDIR message', async () => {
    const dir = project({ alipayPublicKeyFile: 'keys/alipay.pem' });
    const r = await runInProcess(['keys', 'check', '--app-public-key', '@keys'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: --app-public-key: cannot read keys: it is a directory, not a file (EISDIR)');
    expect(r.stderr).not.toContain('illegal operation');
  });

  it('the app\'s own public key as Alipay\'s: the ✗ row only, no warning line saying it again', async () => {
    const dir = project({ alipayPublicKeyFile: 'keys/own.pem' });
    const r = await runInProcess(['keys', 'check', '-o', 'table'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('✗ Alipay key ≠ app key');
    expect(r.stderr).not.toMatch(/warning/);
    expect((r.stdout + r.stderr).match(/your own app public key/g)).toHaveLength(1);
  });
});
