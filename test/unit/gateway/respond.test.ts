import { generateKeyPairSync } from 'node:crypto';
import { signInThreadPool } from '../../../src/gateway/respond.js';
import { encodeText, signContent } from '../../../src/protocol/index.js';

describe('signInThreadPool', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it.each([
    ['RSA2', 'utf-8', '{"code":"10000","msg":"Success","name":"张三"}'],
    ['RSA', 'utf-8', '{"code":"10000"}'],
    ['RSA2', 'gbk', '{"name":"王小明"}'],
  ] as const)('%s over %s is byte-identical to the protocol signContent', async (signType, charset, content) => {
    const ours = await signInThreadPool(encodeText(content, charset), privateKey, signType);
    expect(ours).toBe(signContent(content, privateKey, signType, charset));
  });
});
