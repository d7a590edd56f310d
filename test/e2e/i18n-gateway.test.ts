import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectWithConfig, runCli } from './cli.js';

// The gateway side in Chinese: what a person reads (errors and hints, the demo's story) follows the
// locale; what a machine reads (exit codes, --json) does not change with it.

const ZH = { LANG: 'zh_CN.UTF-8' };

/** A TCP port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A profile whose gateway is a closed port on this machine (loopback may be plain http). */
function projectAt(gateway: string): string {
  const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return projectWithConfig({
    profiles: {
      p: {
        appId: '2021000000000001',
        gateway,
        privateKeyFile: 'app.pem',
        alipayPublicKey: alipay.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      },
    },
  }, { 'app.pem': app.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
}

/**
 * The demo's --json with its per-run values (ports, serials, card and user numbers, times, ids:
 * every string holding a digit, every number) masked; keys, their order and every other value kept.
 */
function masked(json: string): string {
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return /\d/.test(value) ? '<per-run>' : value;
    if (typeof value === 'number') return '<n>';
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    return value;
  };
  return JSON.stringify(mask(JSON.parse(json)));
}

describe('the gateway side in Chinese', () => {
  it('a refused connection is said in Chinese on stderr, with the same exit code and stdout as in English', async () => {
    const port = await closedPort();
    const cwd = projectAt(`http://127.0.0.1:${port}/gateway.do`);
    const args = ['template', 'query', '20170308000000000058101000300045', '--timeout', '2000'];
    const [en, zh] = await Promise.all([runCli(args, { cwd }), runCli(args, { cwd, env: ZH })]);
    expect(en.code).toBe(6);
    expect(zh.code).toBe(6);
    expect(zh.stdout).toBe(en.stdout);
    expect(en.stderr).toContain(`error: connection to 127.0.0.1:${port} refused`);
    expect(en.stderr).toContain('hint: is the gateway running at that address?');
    expect(zh.stderr).toContain(`错误：127.0.0.1:${port} 拒绝连接`);
    expect(zh.stderr).toContain('提示：网关是否在该地址上运行？');
    expect(zh.stderr).not.toMatch(/refused|is the gateway running/);
  });

  it('gateway serve: a bad --fault is a usage error in Chinese, exit 2 in both', async () => {
    const args = ['gateway', 'serve', '--port', '0', '--fault', 'bogus:0.5'];
    const [en, zh] = await Promise.all([runCli(args), runCli(args, { env: ZH })]);
    expect(en.code).toBe(2);
    expect(zh.code).toBe(2);
    expect(en.stderr).toContain('error: --fault "bogus:0.5" is not a fault');
    expect(zh.stderr).toContain('错误：--fault "bogus:0.5" 不是有效的故障');
    expect(zh.stderr).toContain('提示：格式为 <kind>:<rate> 或 <kind>:next=<n>');
  });

  it('demo --json is the same in both languages; demo as a table tells its story in Chinese', async () => {
    const home = mkdtempSync(join(tmpdir(), 'alipay-card-i18n-demo-'));
    // One after the other: they share the in-process gateway's state (the second reuses the template).
    const en = await runCli(['demo', '--json'], { env: { HOME: home }, timeoutMs: 60_000 });
    const zh = await runCli(['demo', '--json'], { env: { HOME: home, ...ZH }, timeoutMs: 60_000 });
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(masked(zh.stdout)).toBe(masked(en.stdout));
    expect(JSON.parse(zh.stdout).templateId).toBe(JSON.parse(en.stdout).templateId);
    expect(zh.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(zh.stdout).not.toContain('本地网关');

    const table = await runCli(['demo', '-o', 'table'], { env: { HOME: home, ...ZH }, timeoutMs: 60_000 });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('▸ 本地网关：http://127.0.0.1:');
    expect(table.stdout).toContain('▸ 已开卡（alipay.marketing.card.open）');
    expect(table.stdout).toContain('已更新：point +100（alipay.marketing.card.update）');
    expect(table.stdout).toContain('以上每个响应都由网关签名并已验签。');
    expect(table.stdout).not.toContain('Every response above');
    expect(table.stdout).not.toContain('▸ Local gateway at');
  }, 120_000);
});
