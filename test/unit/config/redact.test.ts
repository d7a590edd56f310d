import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeProfileForShow, loadConfig, maskSecret } from '../../../src/config/index.js';
import { validateConfigFile } from '../../../src/config/schema.js';
import { tempDir, vector, writeFiles } from './helpers.js';

describe('maskSecret', () => {
  it.each([
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----', undefined, '<private key, 69 chars>'],
    ['x'.repeat(1624), undefined, '<private key, 1624 chars>'],
    ['MTIzNDU2Nzg5MDEyMzQ1Ng==', 'AES key', '<AES key, 24 chars>'],
    ['202312BBf1e2d3c4b5a6978800112233abcd', undefined, '****abcd'],
    ['short-token', 'token', '****'],
  ] as const)('%s → %s', (value, kind, masked) => {
    expect(maskSecret(value, kind)).toBe(masked);
  });
});

describe('describeProfileForShow', () => {
  const privatePem = vector('app-private-key.pem');
  const publicBare = vector('alipay-public-key.pem');
  const aesKey = 'MTIzNDU2Nzg5MDEyMzQ1Ng==';
  const token = '202312BBf1e2d3c4b5a6978800112233abcd';

  it('masks every secret: the full key, the AES key and the token never appear', async () => {
    const home = tempDir();
    writeFiles(home, { '.alipay-cardrc.json': { profiles: { p: { appId: '2021000000000000', appAuthToken: token, alipayPublicKey: publicBare } } } });
    const config = await loadConfig({ cwd: home, homeDir: home, env: { ALIPAY_PRIVATE_KEY: privatePem, ALIPAY_ENCRYPT_KEY: aesKey } });
    const rows = describeProfileForShow(config);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(privatePem.trim());
    expect(text).not.toContain('MIIEowIBAAKCAQEA');
    expect(text).not.toContain(aesKey);
    expect(text).not.toContain(aesKey.slice(0, 8));
    expect(text).not.toContain(token.slice(0, -4));
    const file = `file ${join(home, '.alipay-cardrc.json')}`;
    expect(rows).toEqual([
      { key: 'appId', value: '2021000000000000', source: file },
      { key: 'gateway', value: 'sandbox (https://openapi-sandbox.dl.alipaydev.com/gateway.do)', source: 'default' },
      { key: 'signType', value: 'RSA2', source: 'default' },
      { key: 'charset', value: 'utf-8', source: 'default' },
      { key: 'privateKey', value: `<private key, ${privatePem.length} chars>`, source: 'env ALIPAY_PRIVATE_KEY' },
      { key: 'alipayPublicKey', value: '…6E222OoZZQIDAQAB (392 chars)', source: file },
      { key: 'encryptKey', value: '<AES key, 24 chars>', source: 'env ALIPAY_ENCRYPT_KEY' },
      { key: 'appAuthToken', value: '****abcd', source: file },
      { key: 'timeoutMs', value: '15000', source: 'default' },
    ]);
  });

  it('shows key and cert files by path, and what is missing', async () => {
    const home = tempDir();
    writeFiles(home, { 'c.json': { profiles: { cert: { privateKeyFile: 'k.pem', appCertFile: 'a.crt', alipayCertFile: 'b.crt', alipayRootCertFile: 'r.crt' } } } });
    const rows = describeProfileForShow(await loadConfig({ cwd: home, homeDir: home, env: {}, configFile: 'c.json' }));
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['appId', '(not set)'],
      ['gateway', 'sandbox (https://openapi-sandbox.dl.alipaydev.com/gateway.do)'],
      ['signType', 'RSA2'],
      ['charset', 'utf-8'],
      ['privateKeyFile', join(home, 'k.pem')],
      ['appCertFile', join(home, 'a.crt')],
      ['alipayCertFile', join(home, 'b.crt')],
      ['alipayRootCertFile', join(home, 'r.crt')],
      ['timeoutMs', '15000'],
    ]);
  });

  it('with no config at all: the local gateway, keys not set', async () => {
    const home = tempDir();
    const rows = describeProfileForShow(await loadConfig({ cwd: home, homeDir: home, env: {} }));
    expect(rows.find((r) => r.key === 'gateway')?.value).toBe('local (the embedded local gateway)');
    expect(rows.filter((r) => r.value === '(not set)').map((r) => r.key)).toEqual(['appId', 'privateKey', 'alipayPublicKey']);
  });
});

describe('config.example.json', () => {
  const example = JSON.parse(readFileSync(new URL('../../../config.example.json', import.meta.url), 'utf8')) as unknown;

  it('is valid', () => {
    expect(validateConfigFile(example)).toMatchObject({ ok: true });
  });

  it('has a public key mode profile and a certificate mode profile', () => {
    const { profiles } = example as { profiles: Record<string, Record<string, unknown>> };
    expect(Object.values(profiles).some((p) => p.alipayPublicKeyFile !== undefined)).toBe(true);
    expect(Object.values(profiles).some((p) => p.appCertFile !== undefined && p.alipayRootCertFile !== undefined)).toBe(true);
  });
});
