import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';

// sign, verify and keys in Chinese: what a person reads (errors, hints, notes, tables) is in the
// language; what a machine reads (--json on stdout) is byte-identical to the English run.

const ZH = { LANG: 'zh_CN.UTF-8' };
const vector = (name: string) => readFileSync(join(vectorsDir, name), 'utf8');
const realResponse = JSON.parse(vector('real-response.json')) as { body: string; method: string };

function project() {
  return projectWithConfig(
    { profiles: { p: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
    { 'app.pem': vector('app-private-key.pem'), 'alipay.pem': vector('alipay-public-key.pem') },
  );
}

describe('verify in Chinese', () => {
  const tampered = realResponse.body.replace('CAxATo', 'CAxATp');

  it('a tampered response: the error and its hint are in Chinese, exit 5; --json is byte-identical to English', async () => {
    const dir = project();
    writeFileSync(join(dir, 'resp.json'), tampered);
    const zh = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir, env: ZH });
    const en = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(zh.code).toBe(5);
    expect(zh.stderr).toBe('错误：签名无效\n提示：请检查支付宝公钥（不是你的应用公钥）、签名类型和字符集\n');
    expect(en.stderr).toBe('error: signature is NOT valid\nhint: check the Alipay public key (not your app public key), the sign type and the charset\n');
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(zh.stdout)).toMatchObject({ valid: false, kind: 'response' });
  });

  it('a tampered response as a table: labels and verdict in Chinese, the content checked as it is', async () => {
    const dir = project();
    writeFileSync(join(dir, 'resp.json'), tampered);
    const r = await runCli(['verify', '--response', '@resp.json', '-o', 'table'], { cwd: dir, env: ZH });
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/验签/);
    expect(r.stdout).toMatch(/签名\s+无效/);
    expect(r.stdout).toMatch(/签名类型\s+RSA2/);
    expect(r.stdout).toContain('CAxATp');
    expect(r.stdout).not.toMatch(/INVALID|Verification|sign type/);
  });

  it('an unsigned response: the reason is Chinese for a person and English in --json', async () => {
    const dir = project();
    writeFileSync(join(dir, 'resp.json'), '{"alipay_open_file_upload_response":{"code":"40004"}}');
    const zh = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir, env: ZH });
    const en = await runCli(['verify', '--response', '@resp.json', '--json'], { cwd: dir });
    expect(zh.code).toBe(5);
    expect(zh.stderr).toContain('错误：签名无效：响应没有签名：alipay_open_file_upload_response 的 code 是 40004，是错误应答，网关可能不对它签名；它无法被认证');
    expect(zh.stderr).toContain('提示：请看它的 code 和 sub_code');
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(zh.stdout).reason).toBe('the response carries no signature: alipay_open_file_upload_response answers code 40004, an error, which the gateway may send unsigned; it cannot be authenticated');
  });

  it('a body that is not a response: the protocol error is explained in Chinese, exit 2', async () => {
    const dir = project();
    writeFileSync(join(dir, 'resp.json'), '{"a":1,"a":2}');
    const r = await runCli(['verify', '--response', '@resp.json'], { cwd: dir, env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误：--response resp.json：顶层键 "a" 出现了两次（值分别在位置 5 和 11）\n');
  });

  it('usage errors are in Chinese', async () => {
    const r = await runCli(['verify', '--content', 'x', '--sign', 'a b'], { cwd: project(), env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：--sign 不是 base64：第 2 个字符是 " "');
    expect(r.stderr).toContain("提示：请按支付宝发来的原样传入签名");
  });
});

describe('sign in Chinese', () => {
  it('a missing token file is a Chinese error naming the file, exit 2', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--auth-token-file', 'token.txt'], { cwd: project(), env: ZH });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('错误：--auth-token-file：无法读取 token.txt：文件不存在\n');
  });

  it('a missing private key file is a Chinese error (exit 3, before anything is signed)', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'missing.pem' } } });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir, env: ZH });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^错误：/);
    expect(r.stderr).toMatch(/^提示：/m);
  });

  it('a --biz that is not an object: Chinese message and hint', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--biz', '[1]'], { cwd: project(), env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`错误：--biz：biz_content 必须是 JSON 对象，实际为：数组\n提示：例如 --biz '{"template_id":"20170308000000000058101000300045"}'\n`);
  });

  it('a value from stdin and a file that is not UTF-8: named and explained in Chinese', async () => {
    const dir = project();
    const piped = await runCli(['sign', '--method', 'm.x', '--biz', '-'], { cwd: dir, env: ZH, input: '"x"' });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/^错误：--biz（标准输入）：biz_content 必须是 JSON 对象，实际为：字符串\n/);
    writeFileSync(join(dir, 'biz.json'), Buffer.from([0x7b, 0xff, 0x7d]));
    const file = await runCli(['sign', '--method', 'm.x', '--biz', '@biz.json'], { cwd: dir, env: ZH });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('错误：--biz biz.json：不是 UTF-8 文本（偏移 1 处的字节 0xFF）\n提示：请将文件另存为 UTF-8；GBK 文本需要字符集 gbk（在配置档案、ALIPAY_CHARSET 中设置，或在命令支持时用 --charset）\n');
  });

  it('the redaction note is in Chinese on stderr; --json stdout is byte-identical to English', async () => {
    const args = ['sign', '--method', 'm.x', '--timestamp', '2024-05-01 09:30:00', '--json'];
    const env = { ALIPAY_AUTH_TOKEN: 'usrTOKsecret7' };
    const dir = project();
    const zh = await runCli(args, { cwd: dir, env: { ...env, ...ZH } });
    const en = await runCli(args, { cwd: dir, env });
    expect(zh.code).toBe(0);
    expect(zh.stderr).toBe('注意：auth_token 在输出中显示为 <redacted …>，但签名时使用的是真实值，因此输出的待签名字符串、参数和 URL 与实际签名的内容并非逐字节相同\n');
    expect(zh.stdout).toBe(en.stdout);
  });

  it('sign as a table (what would be sent): section titles in Chinese', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--timestamp', '2024-05-01 09:30:00', '-o', 'table'], { cwd: project(), env: ZH });
    expect(r.code).toBe(0);
    for (const title of ['待签名字符串', '签名（RSA2，utf-8）', '参数', '请求']) expect(r.stdout).toMatch(new RegExp(`^${title}$`, 'm'));
    expect(r.stdout).toMatch(/^  method +m\.x$/m);
    expect(r.stdout).not.toMatch(/String to sign|Params/);
  });

  it('sign --content as a table: section titles in Chinese', async () => {
    const r = await runCli(['sign', '--content', 'a=1', '-o', 'table'], { cwd: project(), env: ZH });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('内容');
    expect(r.stdout).toContain('签名（RSA2，utf-8）');
  });
});

describe('keys in Chinese', () => {
  it('keys check: Chinese table, --json byte-identical to English', async () => {
    const dir = project();
    const zh = await runCli(['keys', 'check', '--json'], { cwd: dir, env: ZH });
    const en = await runCli(['keys', 'check', '--json'], { cwd: dir });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(zh.stdout).checks[0]).toMatchObject({ name: 'Alipay key ≠ app key', ok: true });
    const table = await runCli(['keys', 'check', '-o', 'table'], { cwd: dir, env: ZH });
    expect(table.stdout).toContain('密钥检查（公钥模式）');
    expect(table.stdout).toContain('✓ 支付宝公钥 ≠ 应用公钥');
  });

  it('keys generate over an existing pair: Chinese error and hint', async () => {
    const dir = project();
    writeFileSync(join(dir, 'app_private_key.pem'), 'x');
    const r = await runCli(['keys', 'generate', '--out', '.'], { cwd: dir, env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('错误：app_private_key.pem 已存在\n提示：请用 --out 换一个目录，或传入 --force 替换这对密钥（原私钥将丢失）\n');
  });
});
