import { generateKeyPairSync } from 'node:crypto';
import { signInThreadPool, verifyInThreadPool } from '../../../src/gateway/thread-pool-crypto.js';
import { encodeText, signContent, verifyContent, type Charset, type SignType } from '../../../src/protocol/index.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('signInThreadPool', () => {
  it.each([
    ['RSA2', 'utf-8', '{"code":"10000","msg":"Success","name":"张三"}'],
    ['RSA', 'utf-8', '{"code":"10000"}'],
    ['RSA2', 'gbk', '{"name":"王小明"}'],
  ] as const)('%s over %s is byte-identical to the protocol signContent', async (signType, charset, content) => {
    const ours = await signInThreadPool(encodeText(content, charset), privateKey, signType);
    expect(ours).toBe(signContent(content, privateKey, signType, charset));
  });
});

describe('verifyInThreadPool', () => {
  const content = 'app_id=1&biz_content={"name":"张三"}&method=a.b';
  const good = signContent(content, privateKey, 'RSA2', 'utf-8');
  const cases: Array<[string, string, string, SignType, Charset, typeof publicKey]> = [
    ['a valid signature', content, good, 'RSA2', 'utf-8', publicKey],
    ['another key', content, good, 'RSA2', 'utf-8', other.publicKey],
    ['tampered content', content.replace('张三', '李四'), good, 'RSA2', 'utf-8', publicKey],
    ['the other algorithm', content, good, 'RSA', 'utf-8', publicKey],
    ['the wrong charset', content, good, 'RSA2', 'gbk', publicKey],
    ['URL-safe base64', content, good.replaceAll('+', '-').replaceAll('/', '_'), 'RSA2', 'utf-8', publicKey],
    ['junk inside', content, good.slice(0, 10) + '!' + good.slice(10), 'RSA2', 'utf-8', publicKey],
    ['one byte short', content, Buffer.from(good, 'base64').subarray(1).toString('base64'), 'RSA2', 'utf-8', publicKey],
    ['empty', content, '', 'RSA2', 'utf-8', publicKey],
    ['text GB2312 cannot carry', 'x=鎔', signContent('x=鎔', privateKey, 'RSA2', 'gbk'), 'RSA2', 'gb2312', publicKey],
  ];
  it.each(cases)('%s: the same answer as the protocol verifyContent', async (_name, text, signature, signType, charset, key) => {
    const expected = verifyContent(text, signature, key, signType, charset);
    expect(await verifyInThreadPool(text, signature, key, signType, charset)).toBe(expected);
  });

  it('accepts the valid one and refuses the rest', async () => {
    const results = await Promise.all(cases.map(([, text, signature, signType, charset, key]) => verifyInThreadPool(text, signature, key, signType, charset)));
    expect(results).toEqual([true, false, false, false, false, false, false, false, false, false]);
  });
});
