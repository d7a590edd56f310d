import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificate, type DistinguishedName } from '../../src/gateway/certificates.js';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';

// A root CA, an "Alipay" cert and an app cert it issued, and a root that issued neither (as a
// tester makes them with openssl): the Alipay cert and the root bundle must belong together.
const now = new Date();
interface Made { pem: string; key: KeyObject; name: DistinguishedName }
function make(cn: string, issuer?: Made): Made {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name: DistinguishedName = [['C', 'CN'], ['O', 'Test'], ['CN', cn]];
  const pem = issueCertificate({ subject: name, issuer: issuer?.name ?? name, publicKey: pair.publicKey, signingKey: issuer?.key ?? pair.privateKey, isCa: issuer === undefined, now });
  return { pem, key: pair.privateKey, name };
}
const root = make('Test Root CA');
const alipay = make('Alipay', root);
const app = make('App', root);
const impostor = make('Test Root CA');

function checkWith(alipayCert: string, rootCert: string, args: string[] = ['--json']) {
  const dir = projectWithConfig(
    { profiles: { cert: { appId: '2021000000000001', privateKeyFile: 'app.key', appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' } } },
    { 'app.key': app.key.export({ type: 'pkcs8', format: 'pem' }) as string, 'app.crt': app.pem, 'alipay.crt': alipayCert, 'root.crt': rootCert },
  );
  return runCli(['keys', 'check', ...args], { cwd: dir });
}
const rootRow = (stdout: string) => (JSON.parse(stdout) as { checks: { name: string; ok: boolean; unchecked?: boolean; detail: string }[] }).checks.find((c) => c.name === 'Alipay cert ↔ root certs');

describe('keys check: the Alipay cert and the root certs belong together', () => {
  it('the right files: ✓ and exit 0', async () => {
    const r = await checkWith(alipay.pem, root.pem);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(rootRow(r.stdout)).toEqual({ name: 'Alipay cert ↔ root certs', ok: true, detail: 'the Alipay cert (alipayCertFile) is issued under CN=Test Root CA,O=Test,C=CN, a cert of alipayRootCertFile' });
  });

  it('alipayCertFile and alipayRootCertFile swapped: exit 3 naming both settings', async () => {
    const r = await checkWith(root.pem, alipay.pem, ['-o', 'table']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('✗ Alipay cert ↔ root certs');
    expect(r.stdout).toMatch(/alipayCertFile holds a CA cert \(CN=Test Root CA,O=Test,C=CN\), not Alipay's public cert: are alipayCertFile\s+and alipayRootCertFile swapped\?/);
    expect(r.stderr).toBe('error: key check failed: Alipay cert ↔ root certs\n');
  });

  it('a root of the issuer\'s name that never issued the Alipay cert: exit 3', async () => {
    const r = await checkWith(alipay.pem, impostor.pem);
    expect(r.code).toBe(3);
    expect(rootRow(r.stdout)).toMatchObject({ ok: false, detail: expect.stringContaining('its signature does not verify under the key of that cert in alipayRootCertFile') });
  });

  it('the root bundle holding the Alipay cert beside a root: exit 3', async () => {
    const r = await checkWith(alipay.pem, root.pem + alipay.pem);
    expect(r.code).toBe(3);
    expect(rootRow(r.stdout)!.detail).toContain('alipayRootCertFile holds CN=Alipay,O=Test,C=CN, a cert issued by CN=Test Root CA,O=Test,C=CN, not a root');
  });

  it('the published vectors still pass: no check of theirs but the (expired) app cert validity fails; the root SN of cert-mode-sign.json, the chain marked not checked', async () => {
    const vector = (name: string) => readFileSync(join(vectorsDir, name), 'utf8');
    const certVector = JSON.parse(vector('cert-mode-sign.json')) as { privateKey: string; appCertSn: string; alipayRootCertSn: string };
    for (const alipayFile of ['cert-mode-alipayPublicCert.crt', 'alipayCertPublicKey_RSA2.crt']) {
      for (const rootFile of ['cert-mode-alipayRootCert.crt', 'alipayRootCert.crt']) {
        const dir = projectWithConfig(
          { profiles: { cert: { appId: '9021000122682882', privateKeyFile: 'app.key', appCertFile: 'app.crt', alipayCertFile: 'alipay.crt', alipayRootCertFile: 'root.crt' } } },
          { 'app.key': certVector.privateKey, 'app.crt': vector('cert-mode-alipayAppPublicCert.crt'), 'alipay.crt': vector(alipayFile), 'root.crt': vector(rootFile) },
        );
        const r = await runCli(['keys', 'check', '--json'], { cwd: dir });
        // The sandbox app cert expired in 2024: that is the one check that may fail.
        const failed = (JSON.parse(r.stdout) as { checks: { name: string; ok: boolean }[] }).checks.filter((c) => !c.ok).map((c) => c.name);
        expect([alipayFile, rootFile, failed]).toEqual([alipayFile, rootFile, failed.length === 0 ? [] : ['app cert validity']]);
        expect(JSON.parse(r.stdout)).toMatchObject({ appCertSn: certVector.appCertSn, alipayRootCertSn: certVector.alipayRootCertSn });
        expect(rootRow(r.stdout)).toMatchObject({ ok: true, unchecked: true, detail: expect.stringMatching(/^not checked: CN=Ant Financial Certification Authority/) });
      }
    }
  });
});
