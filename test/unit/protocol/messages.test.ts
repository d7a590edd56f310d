import { zhCN } from '../../../src/i18n/zh-CN/index.js';
import { local, useLanguage } from '../../../src/i18n/text.js';
import { encodeText, extractResponse, parseCertificates, parseForm, ProtocolError } from '../../../src/protocol/index.js';

// A ProtocolError's message is English (what a gateway's sub_msg and logs carry); its text is what
// a person reads, in their language.

function thrown(f: () => unknown): ProtocolError {
  try {
    f();
  } catch (err) {
    if (err instanceof ProtocolError) return err;
    throw err;
  }
  throw new Error('nothing was thrown');
}

describe('ProtocolError in Chinese', () => {
  afterEach(() => useLanguage('en'));

  it.each([
    ['a malformed response', () => extractResponse('{"a":1'), 'response is not valid JSON: expected \',\' or \'}\' at position 6, found end of input', '响应不是有效的 JSON：位置 6 处应为 \',\' 或 \'}\'，实际为 输入结尾'],
    ['a missing node', () => extractResponse('{"a":1}'), 'response has no top-level "*_response" node (top-level keys: "a")', '响应中没有顶层的 "*_response" 节点（顶层键："a"）'],
    ['a bad escape', () => parseForm('a=%zz', 'utf-8'), 'malformed %-escape "%zz" at position 2: \'%\' must be followed by two hex digits', '位置 2 的 %-转义 "%zz" 格式有误：\'%\' 后面必须是两位十六进制数字'],
    ['no certificate', () => parseCertificates('x'), 'no "-----BEGIN CERTIFICATE-----" block found', '未找到 "-----BEGIN CERTIFICATE-----" 证书块'],
    ['an unencodable character', () => encodeText('a😀', 'gbk'), 'character U+1F600 at position 1 cannot be encoded in gbk', '位置 1 的字符 U+1F600 无法用 gbk 编码'],
  ])('%s: English message, Chinese text', (_name, f, english, chinese) => {
    const err = thrown(f);
    expect(err.message).toBe(english);
    useLanguage('zh-CN', zhCN);
    expect(err.message).toBe(english);
    expect(local(err.text)).toBe(chinese);
    useLanguage('en');
    expect(local(err.text)).toBe(english);
  });
});
