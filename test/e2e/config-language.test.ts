import { join } from 'node:path';
import { projectWithConfig, runCli } from './cli.js';

/** Issue 15 item 3, the built binary: config messages in Chinese, config output for machines unchanged. */

describe('config messages in the language chosen', () => {
  it('LANG=zh_CN.UTF-8: a config error is Chinese, exit 3 as in English', async () => {
    const cwd = projectWithConfig({ profiles: { sandbox: { signType: 'RSA3' } } });
    const en = await runCli(['config', 'show'], { cwd });
    const zh = await runCli(['config', 'show'], { cwd, env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.code).toBe(3);
    expect(en.stderr).toContain('profiles.sandbox.signType: expected "RSA2" or "RSA", got "RSA3"');
    expect(zh.code).toBe(3);
    expect(zh.stderr).toContain(`错误：${join(cwd, '.alipay-cardrc.json')}：1 个问题`);
    expect(zh.stderr).toContain('profiles.sandbox.signType：应为 "RSA2" 或 "RSA"，实际为 "RSA3"');
    expect(zh.stdout).toBe(en.stdout);
  });

  it('config show --json is byte-identical in English and Chinese', async () => {
    const cwd = projectWithConfig({ profiles: { sandbox: { gateway: 'local', timeoutMs: 9000 } } });
    const en = await runCli(['config', 'show', '--json'], { cwd, env: { LANG: 'en_US.UTF-8' } });
    const zh = await runCli(['config', 'show', '--json'], { cwd, env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe(en.stdout);
    expect(JSON.parse(en.stdout)).toMatchObject({ profile: 'sandbox', lang: null, values: { appId: null } });
  });

  it("a locale that names no language leaves it to the config's lang, which config set writes", async () => {
    const cwd = projectWithConfig({ profiles: { sandbox: {} } });
    const set = await runCli(['config', 'set', 'lang', 'zh'], { cwd, env: { LANG: 'C.UTF-8' } });
    expect(set.code).toBe(0);
    // The language is chosen before the command runs: this run still spoke English.
    expect(set.stderr).toContain('Set lang (the language of messages) to zh-CN');
    const use = await runCli(['config', 'use', 'nope'], { cwd, env: { LANG: 'C.UTF-8' } });
    expect(use.code).toBe(2);
    expect(use.stderr).toContain(`错误：config use：${join(cwd, '.alipay-cardrc.json')} 中没有配置档案 "nope"`);
    expect(use.stderr).toContain('提示：现有配置档案：sandbox');
    // --lang beats the config.
    expect((await runCli(['config', 'use', 'nope', '--lang', 'en'], { cwd, env: { LANG: 'C.UTF-8' } })).stderr).toContain('error: config use: no profile "nope"');
  });
});
