import { PassThrough, Readable } from 'node:stream';
import type { Context } from '../../../src/cli/context.js';
import { confirmationMode, getPrompter } from '../../../src/cli/prompts.js';
import { InterruptedError, UsageError } from '../../../src/errors.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { local, useLanguage } from '../../../src/i18n/text.js';

function context(overrides: Partial<Context> = {}): Context {
  return {
    // A person at a terminal whose stderr goes elsewhere (`card open ... 2>log`).
    stdout: Object.assign(new PassThrough(), { isTTY: true }),
    stderr: Object.assign(new PassThrough(), { isTTY: false }),
    stdin: Object.assign(Readable.from([]), { isTTY: true }),
    env: {},
    cwd: '/',
    homeDir: '/',
    now: () => new Date(),
    globals: {},
    ...overrides,
  } as Context;
}

function caught(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('the prompter in Chinese', () => {
  afterEach(() => useLanguage('en'));

  it('a confirmation that cannot be seen: English message, Chinese for a person', () => {
    useLanguage('zh-CN', zhCN);
    const err = caught(() => confirmationMode(context(), 'card open')) as UsageError;
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('card open needs a confirmation, and stderr, where it is asked, is not the terminal: nothing was sent');
    expect(local(err.text)).toBe('card open 需要确认，但用于提问的 stderr 不是终端：未发送任何内容');
    expect(local(err.hintText!)).toMatch(/^传入 --yes/);
  });

  it('Ctrl-C in a prompt: interrupted, in Chinese for a person', async () => {
    useLanguage('zh-CN', zhCN);
    const abort = Object.assign(new Error('aborted'), { name: 'ExitPromptError' });
    const prompter = await getPrompter(context({ prompter: { input: () => Promise.reject(abort), select: () => Promise.reject(abort), confirm: () => Promise.reject(abort) } }));
    const err = await prompter.confirm({ message: '?' }).catch((e: unknown) => e) as InterruptedError;
    expect(err).toBeInstanceOf(InterruptedError);
    expect(err.message).toBe('interrupted: nothing was written or sent');
    expect(local(err.text)).toBe('已中断：未写入或发送任何内容');
  });
});
