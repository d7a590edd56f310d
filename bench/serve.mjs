// Starts the real `alipay-card gateway serve` for a bench, registers the vectors' app key, and
// creates a template whose field rules need nothing from the request.
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');

export async function serveForBench(work) {
  const keyPem = readFileSync(join(root, 'test/fixtures/vectors/app-private-key.pem'), 'utf8');
  writeFileSync(join(work, 'app_pub.pem'), createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'pem' }));
  const child = spawn(process.execPath, [join(root, 'bin/alipay-card.js'), 'gateway', 'serve', '--json', '--port', '0',
    '--state', join(work, 'bench-gw.json'), '--app', `2021000000000001=${join(work, 'app_pub.pem')}`], { stdio: ['ignore', 'pipe', 'ignore'] });
  const first = await new Promise((res) => createInterface({ input: child.stdout }).once('line', res));
  const { url, alipayPublicKey } = JSON.parse(first);
  const { GatewayClient } = await import(pathToFileURL(join(root, 'dist/bench/client.js')).href);
  const client = new GatewayClient({
    gatewayUrl: url,
    identity: { appId: '2021000000000001', privateKey: createPrivateKey(keyPem), signType: 'RSA2', charset: 'utf-8' },
    verifier: { signType: 'RSA2', charset: 'utf-8', keyFor: () => createPublicKey({ key: Buffer.from(alipayPublicKey, 'base64'), format: 'der', type: 'spki' }) },
    transport: { timeoutMs: 5000, userAgent: 'alipay-card-bench' },
  });
  const { demoTemplate } = await import(pathToFileURL(join(root, 'dist/bench/demo.js')).href);
  const template = { ...demoTemplate(`bench${Date.now()}`), field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }] };
  const created = await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(template), retrySafe: false });
  await client.close();
  return {
    url,
    alipayPublicKey,
    templateId: String(created.node.template_id),
    stop: () => new Promise((res) => { child.once('exit', res); child.kill('SIGINT'); }),
  };
}
