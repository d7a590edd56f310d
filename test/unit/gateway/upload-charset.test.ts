import { buildRequest } from '../../../src/client/request.js';
import type { LocalGateway } from '../../../src/gateway/index.js';
import { encodeText } from '../../../src/protocol/index.js';
import { png } from '../../e2e/images.js';
import { identity, readReply, startTestGateway, TIMESTAMP } from './helpers.js';

const METHOD = 'alipay.offline.material.image.upload';
const image = png(40, 40, [10, 20, 30]);
let gw: LocalGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

function gbkUpload(filename = '会员 标志.png') {
  return buildRequest(gw.url, { method: METHOD, timestamp: TIMESTAMP, textParams: { image_type: 'png', image_name: '会员' }, file: { field: 'image_content', filename, contentType: 'image/png', bytes: image } }, identity({ charset: 'gbk' }));
}

async function post(url: string, contentType: string, body: Uint8Array) {
  return readReply(await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body }), gw.alipayPublicKey);
}

describe('a multipart upload in GBK', () => {
  it('sends its text parts and file name in GBK, as the string it signs, and says so in its Content-Type', () => {
    const request = gbkUpload('会员 标志😀.png');
    const body = Buffer.from(request.body as Uint8Array);
    expect(request.contentType).toMatch(/^multipart\/form-data; boundary=[^;]+; charset=gbk$/);
    expect(body.includes(encodeText('\r\n\r\n会员\r\n', 'gbk'))).toBe(true);
    expect(body.includes(Buffer.from('会员', 'utf8'))).toBe(false);
    expect(body.includes(Buffer.from('Content-Type: text/plain; charset=gbk'))).toBe(true);
    // The file name is not signed: a character GBK lacks becomes '?', as the Java SDK's getBytes makes it.
    expect(body.includes(encodeText('filename="会员 标志?.png"', 'gbk'))).toBe(true);
  });

  it('refuses an image_name GBK has no bytes for, naming the param (exit 2, nothing built)', () => {
    const build = () => buildRequest(gw.url, { method: METHOD, timestamp: TIMESTAMP, textParams: { image_type: 'png', image_name: '会员😀' }, file: { field: 'image_content', filename: 'a.png', contentType: 'image/png', bytes: image } }, identity({ charset: 'gbk' }));
    expect(build).toThrow(/image_name/);
  });

  it('is read by the local gateway in the charset its URL names, and verifies', async () => {
    const request = gbkUpload();
    const reply = await post(request.url, request.contentType, request.body as Uint8Array);
    expect(reply.node).toMatchObject({ code: '10000', image_id: expect.any(String) });
  });

  it("is refused as Alipay refuses it when its fields went out as UTF-8 (as alipay-sdk for Node sends them): the signature does not match", async () => {
    const request = gbkUpload();
    const utf8Fields = Buffer.from(request.body as Uint8Array).toString('latin1').replace(encodeText('会员', 'gbk').toString('latin1'), Buffer.from('会员', 'utf8').toString('latin1'));
    const reply = await post(request.url, request.contentType, Buffer.from(utf8Fields, 'latin1'));
    expect(reply.node).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
  });

  it("reads the Java SDK's shape too: a CRLF before the first boundary, headers without spaces, the charset only in the URL", async () => {
    const request = gbkUpload();
    const boundary = '1733470000000';
    const entry = (head: string) => Buffer.concat([Buffer.from(`\r\n--${boundary}\r\n`), encodeText(head, 'gbk')]);
    const body = Buffer.concat([
      entry('Content-Disposition:form-data;name="image_type"\r\nContent-Type:text/plain\r\n\r\npng'),
      entry('Content-Disposition:form-data;name="image_name"\r\nContent-Type:text/plain\r\n\r\n会员'),
      entry('Content-Disposition:form-data;name="image_content";filename="会员.png"\r\nContent-Type:image/png\r\n\r\n'),
      image,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const reply = await post(request.url, `multipart/form-data;boundary=${boundary};charset=GBK`, body);
    expect(reply.node).toMatchObject({ code: '10000' });
  });
});
