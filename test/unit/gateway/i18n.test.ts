import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../../../src/errors.js';
import { parseFault, startGateway } from '../../../src/gateway/index.js';
import { readStateLog } from '../../../src/gateway/state-log.js';
import { local, useLanguage } from '../../../src/i18n/text.js';
import { zhCN } from '../../../src/i18n/zh-CN/index.js';

// The local gateway's errors and warnings are data: English in `.message` and to onWarning's first
// argument (logs, the local API's JSON), the person's language through local().

afterEach(() => useLanguage('en'));

function thrown(run: () => unknown): CliError {
  try {
    run();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('nothing was thrown');
}

describe('the local gateway in Chinese', () => {
  it('a bad fault: the message stays English, a person reads Chinese', () => {
    const err = thrown(() => parseFault('latency:0.5'));
    expect(err.message).toBe('--fault "latency:0.5": latency needs its delay, e.g. latency=200:0.5');
    useLanguage('zh-CN', zhCN);
    expect(local(err.text)).toBe('--fault "latency:0.5"：latency 需要指定延迟，例如 latency=200:0.5');
    expect(err.message).toBe('--fault "latency:0.5": latency needs its delay, e.g. latency=200:0.5');
  });

  it("a damaged state log: onWarning gets the English and the sentence as data", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-gw-i18n-'));
    const statePath = join(dir, 'gw.json');
    writeFileSync(`${statePath}.log`, 'not an entry\n{"card":');
    expect(readStateLog(`${statePath}.log`).warnings.map(String)).toEqual([
      `the gateway state log ${statePath}.log is damaged at line 1 (12 bytes that are not a card, template or app entry): that entry is skipped, the others are recovered`,
      `the gateway state log ${statePath}.log ends in a line cut short (line 2, 8 bytes): it was never answered, and is dropped`,
    ]);
    useLanguage('zh-CN', zhCN);
    const told: Array<[string, string]> = [];
    const gateway = await startGateway({ statePath, port: 0, onWarning: (message, text) => told.push([message, local(text)]) });
    await gateway.close();
    expect(told).toEqual([
      [
        `the gateway state log ${statePath}.log is damaged at line 1 (12 bytes that are not a card, template or app entry): that entry is skipped, the others are recovered`,
        `网关状态日志 ${statePath}.log 第 1 行已损坏（12 字节，不是会员卡、模板或应用条目）：跳过该条目，其余条目已恢复`,
      ],
      [
        `the gateway state log ${statePath}.log ends in a line cut short (line 2, 8 bytes): it was never answered, and is dropped`,
        `网关状态日志 ${statePath}.log 的最后一行不完整（第 2 行，8 字节）：该请求从未得到应答，已丢弃`,
      ],
    ]);
  });
});
