import { aesDecrypt, aesEncrypt, type Charset } from '../../../src/protocol/index.js';
import { protocolFixture } from './fixtures.js';

interface AesVector {
  name: string;
  charset: Charset;
  plaintext: string;
  encryptKey: string;
  ciphertext: string;
}

const vectors = protocolFixture<AesVector[]>('aes-vectors.json');
const KEY = vectors[0]!.encryptKey;

describe('AES-128-CBC against `openssl enc` known answers (aes-vectors.json)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    expect(aesEncrypt(vector.plaintext, vector.encryptKey, vector.charset)).toBe(vector.ciphertext);
    expect(aesDecrypt(vector.ciphertext, vector.encryptKey, vector.charset)).toBe(vector.plaintext);
  });

  it('encrypts the charset bytes: the same Chinese text differs between UTF-8 and GBK', () => {
    const utf8 = vectors.find((v) => v.name === 'chinese, utf-8')!;
    const gbk = vectors.find((v) => v.name === 'chinese, gbk')!;
    expect(utf8.plaintext).toBe(gbk.plaintext);
    expect(utf8.ciphertext).not.toBe(gbk.ciphertext);
  });
});

describe('AES round trip and errors', () => {
  it.each(['utf-8', 'gbk', 'gb2312'] as const)('round-trips JSON with Chinese in %s', (charset) => {
    const text = '{"name":"张三","memo":"会员卡，欢迎！","n":1}';
    expect(aesDecrypt(aesEncrypt(text, KEY, charset), KEY, charset)).toBe(text);
  });

  it.each([
    ['15 bytes', Buffer.alloc(15).toString('base64'), /decodes to 15 bytes; AES-128 needs exactly 16/],
    ['32 bytes (AES-256 is not what Alipay uses)', Buffer.alloc(32).toString('base64'), /decodes to 32 bytes/],
    ['empty', '', /decodes to 0 bytes/],
    ['not base64', 'not a key!', /not valid base64/],
  ])('refuses an encrypt key of %s', (_what, key, message) => {
    expect(() => aesEncrypt('x', key, 'utf-8')).toThrow(expect.objectContaining({ code: 'aes', message: expect.stringMatching(message) }));
    expect(() => aesDecrypt(vectors[0]!.ciphertext, key, 'utf-8')).toThrow(expect.objectContaining({ code: 'aes' }));
  });

  it.each([
    ['not base64', '***', /not valid standard base64/],
    ['not a whole number of blocks', Buffer.alloc(20).toString('base64'), /20 bytes/],
    ['empty', '', /0 bytes/],
  ])('refuses ciphertext that is %s', (_what, ciphertext, message) => {
    expect(() => aesDecrypt(ciphertext, KEY, 'utf-8')).toThrow(expect.objectContaining({ code: 'aes', message: expect.stringMatching(message) }));
  });

  it('reports bad padding (a wrong key) as an aes error', () => {
    const wrongKey = Buffer.alloc(16, 7).toString('base64');
    expect(() => aesDecrypt(vectors[0]!.ciphertext, wrongKey, 'utf-8')).toThrow(
      expect.objectContaining({ code: 'aes', message: expect.stringMatching(/padding/) }),
    );
  });
});
