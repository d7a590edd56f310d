import { createPublicKey } from 'node:crypto';
import { readResponse } from '../../../src/client/response.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { aesEncrypt, extractResponse } from '../../../src/protocol/index.js';
import { cardOpenSample, templateSample } from '../cards/samples.js';
import { APP_ID, appPublicKey, call, cyclingRandom, METHOD, startTestGateway } from './helpers.js';

const ENCRYPT_KEY = Buffer.from('0123456789abcdef').toString('base64');
const OTHER_KEY = Buffer.from('fedcba9876543210').toString('base64');

describe('local gateway: AES content encryption', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ random: cyclingRandom(), apps: [{ appId: APP_ID, publicKey: appPublicKey, encryptKey: ENCRYPT_KEY }] });
  });
  afterAll(() => gateway.close());

  it.each(['utf-8', 'gbk'] as const)('%s: decrypts biz_content, and answers with the node encrypted and signed as the quoted ciphertext', async (charset) => {
    const aes = { encryptKey: ENCRYPT_KEY, charset };
    const created = await call(gateway, METHOD.create, { ...templateSample(), request_id: `aes-${charset}` }, { identity: aes });
    expect(created).toMatchObject({ verified: true, node: { code: '10000' } });
    expect(extractResponse(created.text).encrypted).toBe(true);
    expect(created.signContent).toMatch(/^"[A-Za-z0-9+/=]+"$/);

    const opened = await call(gateway, METHOD.open, cardOpenSample(created.node.template_id, `aes-${charset}`), { identity: aes });
    expect(opened).toMatchObject({ verified: true, node: { code: '10000', card_info: { front_text_list: [{ label: '专业' }] } } });

    // The client's reader verifies the quoted string, then decrypts.
    const key = createPublicKey({ key: Buffer.from(gateway.alipayPublicKey, 'base64'), format: 'der', type: 'spki' });
    const read = readResponse(opened.text, METHOD.open, { signType: 'RSA2', charset, keyFor: () => key, encryptKey: ENCRYPT_KEY });
    expect((read.node.card_info as { biz_card_no: string }).biz_card_no).toBe(opened.node.card_info.biz_card_no);
  });

  it('answers isv.invalid-encrypt for a ciphertext that does not decrypt with the app key', async () => {
    const reply = await call(gateway, METHOD.query, { template_id: 'x' }, { identity: { encryptKey: OTHER_KEY } });
    expect(reply).toMatchObject({ verified: true, node: { code: '40002', sub_code: 'isv.invalid-encrypt' } });
  });

  it('answers INVALID_PARAMETER when encrypt_type is missing and biz_content is ciphertext', async () => {
    const reply = await call(gateway, METHOD.query, aesEncrypt('{"template_id":"x"}', ENCRYPT_KEY, 'utf-8'));
    expect(reply.node).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAMETER' });
  });
});
