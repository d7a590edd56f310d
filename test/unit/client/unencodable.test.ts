import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildRequest } from '../../../src/client/request.js';
import { UsageError } from '../../../src/errors.js';
import type { Charset } from '../../../src/protocol/index.js';

const privateKey = createPrivateKey(readFileSync('test/fixtures/vectors/app-private-key.pem'));
const identity = (charset: Charset) => ({ appId: '2021000000000001', privateKey, signType: 'RSA2' as const, charset });
const CARD_OPEN = 'alipay.marketing.card.open';

function failure(charset: Charset, spec: { bizContent?: string; extraParams?: Record<string, string> }): UsageError {
  try {
    buildRequest('https://gw.example.com/gateway.do', { method: CARD_OPEN, timestamp: '2024-05-01 09:30:00', ...spec }, identity(charset));
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('buildRequest did not fail');
}

describe('text the request charset cannot encode', () => {
  it('is a usage error (exit 2) naming the biz_content field and the character, suggesting utf-8', () => {
    const err = failure('gbk', { bizContent: JSON.stringify({ card_template_id: 'T', member_ext_info: { name: '😀李' } }) });
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain('biz_content member_ext_info.name');
    expect(err.message).toContain("'😀' (U+1F600)");
    expect(err.message).toContain('gbk');
    expect(err.hint).toContain('utf-8');
  });

  it('names array items, and plain params', () => {
    expect(failure('gbk', { bizContent: JSON.stringify({ card_front_text_list: [{ label: 'a', value: 'ok' }, { label: '🎉', value: 'x' }] }) }).message).toContain('biz_content card_front_text_list[1].label');
    expect(failure('gbk', { bizContent: '{}', extraParams: { notify_url: 'https://m.example.com/🔔' } }).message).toContain('param notify_url');
  });

  it('for gb2312 also points to gbk; for utf-8 a lone surrogate says the input is not valid Unicode', () => {
    const gb2312 = failure('gb2312', { bizContent: JSON.stringify({ member_ext_info: { name: '朱镕基' } }) });
    expect(gb2312.message).toContain("'镕' (U+9555)");
    expect(gb2312.hint).toContain('gbk');
    const utf8 = failure('utf-8', { bizContent: JSON.stringify({ member_ext_info: { name: 'a\uD800' } }).replace('\\ud800', '\uD800') });
    expect(utf8.message).toContain('biz_content member_ext_info.name');
    expect(utf8.message).toContain('U+D800');
    expect(utf8.hint).toContain('not valid Unicode');
  });

  it('encrypted requests still name the field', () => {
    const key = Buffer.alloc(16, 7).toString('base64');
    let err: unknown;
    try {
      buildRequest('https://gw.example.com/gateway.do', { method: CARD_OPEN, timestamp: '2024-05-01 09:30:00', bizContent: JSON.stringify({ member_ext_info: { name: '😀' } }) }, { ...identity('gbk'), encryptKey: key });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toContain('biz_content member_ext_info.name');
  });
});
