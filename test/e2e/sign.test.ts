import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectWithConfig, repoRoot, runCli, vectorsDir } from './cli.js';

interface SignCase {
  name: string;
  args: string[];
  content: string;
  expectedSign: string;
  charset?: string;
  env?: Record<string, string>;
}

const { cases } = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/cli/sign-cases.json'), 'utf8')) as { cases: SignCase[] };
const privateKey = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');
const AUTH_TOKEN_NOTE = 'note: auth_token is printed as <redacted …> but signed with the real value, so the printed string to sign, params and URL are not byte-identical to what was signed';
const alipayKey = readFileSync(join(vectorsDir, 'alipay-public-key.pem'), 'utf8');

function project(charset = 'utf-8') {
  return projectWithConfig(
    { profiles: { test: { appId: '2021000000000000', gateway: 'sandbox', charset, privateKeyFile: 'keys/app.pem', alipayPublicKeyFile: 'keys/alipay.pem' } } },
    { 'keys/app.pem': privateKey, 'keys/alipay.pem': alipayKey },
  );
}

describe('alipay-card sign: known answers (strings written by hand, signatures by openssl)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runCli(['sign', ...c.args, '--json'], { cwd: project(c.charset), env: c.env });
    const token = c.env?.ALIPAY_AUTH_TOKEN;
    // Where a token was redacted, stderr says the printed string is not the signed one; else nothing.
    expect(r.stderr).toBe(token ? `${AUTH_TOKEN_NOTE}\n` : '');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.sign).toBe(c.expectedSign);
    expect(out.params.sign).toBe(c.expectedSign);
    // The printed string to sign is the hand-written one, with secrets redacted.
    expect(out.signContent).toBe(token ? c.content.replace(token, '<redacted auth_token>') : c.content);
    if (token) expect(r.stdout).not.toContain(token);
    expect(Object.keys(out).sort()).toEqual(['body', 'params', 'sign', 'signContent', 'url']);
  });

  it('puts protocol params in the URL query and biz_content in the body, percent-encoded in the charset', async () => {
    const gbk = cases.find((c) => c.name === 'chinese member name, gbk')!;
    const r = await runCli(['sign', ...gbk.args, '--json'], { cwd: project('gbk') });
    const out = JSON.parse(r.stdout);
    expect(out.url.startsWith('https://openapi-sandbox.dl.alipaydev.com/gateway.do?')).toBe(true);
    expect(out.url).toContain('timestamp=2024-05-01+09%3A30%3A00');
    expect(out.url).not.toContain('biz_content');
    // 张 is D5 C5 and 三 is C8 FD in GBK.
    expect(out.body).toBe('biz_content=%7B%22out_serial_no%22%3A%22s1%22%2C%22member_ext_info%22%3A%7B%22name%22%3A%22%D5%C5%C8%FD%22%7D%7D');
  });

  it('signs a raw --content string from stdin', async () => {
    const r = await runCli(['sign', '--content', '-', '--json'], { cwd: project(), input: cases[0]!.content + '\n' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ signContent: cases[0]!.content, sign: cases[0]!.expectedSign });
  });

  it('prints readable sections on a terminal-style table output', async () => {
    const r = await runCli(['sign', ...cases[0]!.args, '-o', 'table'], { cwd: project() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('String to sign');
    expect(r.stdout).toContain(cases[0]!.expectedSign);
  });
});

describe('alipay-card sign: bad input', () => {
  it('invalid --biz JSON is exit 2 naming the flag, nothing on stdout', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--biz', '{"a":'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--biz: invalid JSON/);
  });

  it('an impossible --timestamp is exit 2', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--timestamp', '2023-02-29 10:00:00'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timestamp/);
  });

  it('a missing key file is exit 3 naming the file', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'nope.pem' } } });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('nope.pem');
  });

  it('a malformed PEM is exit 3', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'k.pem' } } }, { 'k.pem': '-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n' });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('k.pem');
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it('a public key given as the private key is exit 3 saying so', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: '2021000000000000', privateKeyFile: 'k.pem' } } }, { 'k.pem': alipayKey });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/public key/i);
  });

  it('an unknown profile is exit 3 listing the profiles', async () => {
    const r = await runCli(['-p', 'nope', 'sign', '--method', 'm.x'], { cwd: project() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('test');
  });

  it('a config failing the schema is exit 3 naming each path', async () => {
    const dir = projectWithConfig({ profiles: { p: { appId: 'abc', signType: 'RSA3', charset: 'latin1' } } });
    const r = await runCli(['sign', '--method', 'm.x'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('signType');
    expect(r.stderr).toContain('charset');
  });

  it('an unknown flag is exit 2', async () => {
    const r = await runCli(['sign', '--metod', 'x'], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option '--metod'/);
  });

  it('no key is never accepted as a flag value', async () => {
    const r = await runCli(['sign', '--method', 'm.x', '--private-key', 'MIIE...'], { cwd: project() });
    expect(r.code).toBe(2);
  });
});

/** '张三' as GBK bytes (D5C5 C8FD, from Python's gbk codec); the rest is ASCII. */
const gbkBytes = (text: string) => Buffer.from(text.replaceAll('张三', '\xd5\xc5\xc8\xfd'), 'latin1');

describe('alipay-card sign: --biz and --content files in the profile charset', () => {
  const gbkCase = cases.find((c) => c.name === 'chinese member name, gbk')!;
  const biz = gbkCase.args[gbkCase.args.indexOf('--biz') + 1]!;
  const rest = gbkCase.args.filter((a, i) => a !== '--biz' && gbkCase.args[i - 1] !== '--biz');

  it.each([
    ['a GBK file', gbkBytes(biz + '\n')],
    ['a UTF-8 file', Buffer.from(biz + '\n')],
    ['a UTF-8 file with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(biz)])],
  ])('--biz @file: %s gives the known signature', async (_name, bytes) => {
    const dir = project('gbk');
    writeFileSync(join(dir, 'biz.json'), bytes);
    const r = await runCli(['sign', ...rest, '--biz', '@biz.json', '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sign: gbkCase.expectedSign, signContent: gbkCase.content });
  });

  it('--biz - reads GBK from stdin', async () => {
    const r = await runCli(['sign', ...rest, '--biz', '-', '--json'], { cwd: project('gbk'), input: gbkBytes(biz) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sign).toBe(gbkCase.expectedSign);
  });

  it('--content @file in GBK gives the known signature', async () => {
    const dir = project('gbk');
    writeFileSync(join(dir, 'content.txt'), gbkBytes(gbkCase.content + '\r\n'));
    const r = await runCli(['sign', '--content', '@content.txt', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ signContent: gbkCase.content, sign: gbkCase.expectedSign, charset: 'gbk' });
  });

  it('a GBK file for a UTF-8 profile is exit 2 naming the byte, not U+FFFD signed', async () => {
    const dir = project('utf-8');
    writeFileSync(join(dir, 'biz.json'), gbkBytes(biz));
    const r = await runCli(['sign', ...rest, '--biz', '@biz.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--biz biz.json: not UTF-8 text (byte 0xD5 at offset ${biz.indexOf('张三')})`);
  });
});

describe('alipay-card sign --biz is signed as written', () => {
  // openssl dgst -sha256 -sign test/fixtures/vectors/app-private-key.pem over this string (UTF-8).
  const content = 'app_id=2021000000000000&biz_content={"n":12345678901234567890,"s":"\\u4e2d\\/x","f":1.0}&charset=utf-8&format=JSON&method=alipay.marketing.card.open&sign_type=RSA2&timestamp=2024-05-01 09:30:00&version=1.0';
  const expectedSign = 'Qwx5NICPnP0hx6737btYZ2KODxFccytq8YH1FieVpQttAd9c/TfNpuB5vWWeJJr9Z5DrJVUc1lwmDd1KFqVcqzFvjyj5bZbyeIr4MleIp2yRL6dL1SfUqYUWXSE3uTNz/PK75GMkh3KmHE0DbwLXS33MA33jBO0wZ2fpNzun0whM8YsmF3wLTLDJtg+Rc589coV1vLMHJ7u+rOAAXnHOqoQEh/YQtCWyskLZmH+sNgAmS3S/TDLV/cFSjLTtaafvECBTcSXMXQRCWYj38YcJi9dwiBvRbx94rj1dhaekKjRmF2AOJ/QqNzYvX21zyedthM8qJSMVDsFRyClwWh/yMA==';

  it('a 20-digit integer, \\u and \\/ escapes and 1.0 stay exactly as given; only whitespace goes', async () => {
    const biz = '{\n  "n": 12345678901234567890,\n  "s": "\\u4e2d\\/x",\n  "f": 1.0\n}';
    const r = await runCli(['sign', '--method', 'alipay.marketing.card.open', '--biz', biz, '--timestamp', '2024-05-01 09:30:00', '--json'], { cwd: project() });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.signContent).toBe(content);
    expect(out.sign).toBe(expectedSign);
    expect(out.params.biz_content).toBe('{"n":12345678901234567890,"s":"\\u4e2d\\/x","f":1.0}');
  });

  it.each([
    ['{"a":1,"a":2}', 'key "a" appears twice'],
    ['{"m":{"x":"1","y":"2","x":"3"}}', 'key "x" appears twice in m'],
    ['{"l":[{"k":1},{"k":1,"\\u006b":2}]}', 'key "k" appears twice in l[1]'],
  ])('a duplicate key is exit 2 naming it: %s', async (biz, message) => {
    const r = await runCli(['sign', '--method', 'm.x', '--biz', biz], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error: --biz: ${message}`);
  });

  it.each([
    ['null', 'null'],
    ['[1]', 'an array'],
    ['"x"', 'a string'],
    ['12', 'a number (12)'],
  ])('--biz %s is exit 2 saying what it is', async (biz, what) => {
    const r = await runCli(['sign', '--method', 'm.x', '--biz', biz], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`biz_content must be a JSON object, got ${what}`);
  });
});

describe('alipay-card sign: tokens', () => {
  it.each([
    ['auth_token', /--auth-token-file.*ALIPAY_AUTH_TOKEN/],
    ['app_auth_token', /appAuthToken/],
  ])('--param %s=… is refused (exit 2), the value never echoed', async (name, hint) => {
    const r = await runCli(['sign', '--method', 'm.x', '--param', `${name}=tokSECRET123`], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(hint);
    expect(r.stderr).not.toContain('tokSECRET123');
  });

  it("the profile's appAuthToken is signed, redacted in the output, and the note names it", async () => {
    const dir = projectWithConfig(
      { profiles: { t: { appId: '2021000000000000', privateKeyFile: 'app.pem', appAuthToken: 'appTOKsecret42' } } },
      { 'app.pem': privateKey },
    );
    chmodSync(join(dir, '.alipay-cardrc.json'), 0o600);
    const r = await runCli(['sign', '--method', 'm.x', '--timestamp', '2024-05-01 09:30:00', '--json'], { cwd: dir, env: { ALIPAY_AUTH_TOKEN: 'usrTOKsecret7' } });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/appTOKsecret42|usrTOKsecret7/);
    const out = JSON.parse(r.stdout);
    expect(out.signContent).toBe('app_auth_token=<redacted app_auth_token>&app_id=2021000000000000&auth_token=<redacted auth_token>&charset=utf-8&format=JSON&method=m.x&sign_type=RSA2&timestamp=2024-05-01 09:30:00&version=1.0');
    // openssl over the same string with the real tokens: what is signed is not what is printed.
    expect(out.sign).toBe('eSCYwLep2WEoTbM2rJ6Ioo3lQ16PGjgMEPYc0KxP6O2g8xeSZCs8+Xj7Ya1dYoS3+jnGZNSy2HzH1cyAIL73aNExIgbgis5uqfHW2LPERDUSVhdHOvRBTfPKYj9BMx/6+5VMcfyaP6k2vS4lF23wEB1F9gk5mjdMavIn/AFWSlCZGNPYEQwN6q5hdROfKwqdJxXN4Hu3jGgeIDQkpD5nTgQvv4GmoHggfPd6hJuWtXhnFi8Em3gl3L31EHcJgsGuBFG+eJMScKg9zH1XPv3u09N1YnAQAzTk+X1xQn8IfBghabY1fyi/VpJo/8NTljRnLwQefvVhV/3Xal3QZgtvmw==');
    expect(r.stderr).toBe('note: auth_token and app_auth_token are printed as <redacted …> but signed with the real value, so the printed string to sign, params and URL are not byte-identical to what was signed\n');
  });

  it('sign --help says the printed string is redacted and where tokens come from', async () => {
    const r = await runCli(['sign', '--help']);
    // Help prose is wrapped to the terminal: any space may be a line break.
    expect(r.stdout).toMatch(/printed\s+as\s+<redacted\s+…>,\s+so\s+where\s+one\s+is\s+present\s+the\s+printed\s+string\s+to\s+sign,\s+params\s+and\s+URL\s+are\s+not\s+byte-identical/);
    expect(r.stdout).toMatch(/never\s+from\s+--param/);
  });
});

describe('alipay-card sign: conflicts, charset errors, keys it does not need', () => {
  it.each([
    [['--method', 'm.x', '--biz', '{bad'], '--method, --biz'],
    [['--param', 'a=1'], '--param'],
    [['--timestamp', '2024-05-01 09:30:00', '--auth-token-file', 'tok'], '--timestamp, --auth-token-file'],
  ])('--content with %j is exit 2 naming them', async (args, named) => {
    const r = await runCli(['sign', '--content', 'a=1', ...args], { cwd: project() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`sign --content signs a raw string; ${named} `);
  });

  it.each([
    [['--content', 'a=😀']],
    [['--method', 'm.x', '--biz', '{"e":"😀"}']],
  ])('a character GBK cannot encode is exit 2 in one line: %j', async (args) => {
    const r = await runCli(['sign', ...args], { cwd: project('gbk') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*U\+1F600.* cannot be encoded in gbk/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('a malformed Alipay public key does not stop signing (sign does not use it)', async () => {
    const dir = projectWithConfig(
      { profiles: { p: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
      { 'app.pem': privateKey, 'alipay.pem': '-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----\n' },
    );
    const r = await runCli(['sign', ...cases[0]!.args, '--json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sign).toBe(cases[0]!.expectedSign);
  });
});
