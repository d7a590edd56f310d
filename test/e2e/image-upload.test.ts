import { AlipayFormData, AlipaySdk } from 'alipay-sdk';
import { createPublicKey, createVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { formatTimestamp } from '../../src/protocol/index.js';
import { projectWithConfig, runCli, vectorsDir } from './cli.js';
import { png } from './images.js';
import { APP_ID, appPrivateKeyPem, serveGateway, type ServedGateway } from './serve.js';

let gw: ServedGateway;
let cwd: string;
let state: string;
const beijingNow = () => formatTimestamp(new Date());

beforeAll(async () => {
  state = join(mkdtempSync(join(tmpdir(), 'alipay-card-images-')), 'state.json');
  gw = await serveGateway([], state);
  cwd = projectWithConfig({ profiles: { local: { appId: APP_ID, gateway: gw.url, privateKeyFile: 'app.pem', alipayPublicKey: gw.alipayPublicKey } } }, { 'app.pem': appPrivateKeyPem });
  writeFileSync(join(cwd, 'logo.png'), png(500, 500, [200, 30, 30]));
  writeFileSync(join(cwd, 'small.png'), png(120, 90, [30, 200, 30]));
  writeFileSync(join(cwd, 'notes.png'), 'not an image at all');
}, 30_000);

afterAll(async () => {
  await gw?.stop();
});

function sdk(): AlipaySdk {
  return new AlipaySdk({ appId: APP_ID, privateKey: appPrivateKeyPem, alipayPublicKey: gw.alipayPublicKey, gateway: gw.url, signType: 'RSA2', camelcase: false });
}

/** alipay-sdk's own multipart upload (AlipayFormData), its answer verified (validateSign). */
async function sdkUpload(file: string, imageType: string, name: string): Promise<Record<string, any>> {
  const form = new AlipayFormData();
  // The SDK stamps its host's local time; Beijing time is what the gateway's clock reads.
  form.addField('timestamp', beijingNow());
  form.addField('image_type', imageType);
  form.addField('image_name', name);
  form.addFile('image_content', file.split('/').pop()!, file);
  return (await sdk().exec('alipay.offline.material.image.upload', {}, { formData: form, validateSign: true })) as Record<string, any>;
}

describe('image upload against gateway serve', () => {
  it('uploads a logo: its id in Alipay\'s shape, its bytes served back at image_url; the same bytes again get the same id', async () => {
    const run = await runCli(['image', 'upload', 'logo.png', '--for', 'logo', '--json'], { cwd });
    expect(run.code).toBe(0);
    const node = JSON.parse(run.stdout) as { code: string; image_id: string; image_url: string };
    expect(node.code).toBe('10000');
    expect(node.image_id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(node.image_url).toBe(`${gw.base}/_local/images/${node.image_id}`);
    const served = await fetch(node.image_url);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(readFileSync(join(cwd, 'logo.png')));

    const again = JSON.parse((await runCli(['image', 'upload', 'logo.png', '--json'], { cwd })).stdout) as { image_id: string };
    expect(again.image_id).toBe(node.image_id);
    // At a terminal: the id, the URL, and what the file is.
    const table = await runCli(['image', 'upload', 'logo.png', '--output', 'table'], { cwd });
    expect(table.stdout).toContain('logo.png (PNG, 500×500 px');
  });

  it("Alipay's Node SDK uploading the same file with validateSign: true gets the same image_id; its refusals are Alipay's sub_codes", async () => {
    const mine = JSON.parse((await runCli(['image', 'upload', 'logo.png', '--json'], { cwd })).stdout) as { image_id: string };
    const theirs = await sdkUpload(join(cwd, 'logo.png'), 'png', 'logo');
    expect(theirs).toMatchObject({ code: '10000', image_id: mine.image_id });
    expect(await sdkUpload(join(cwd, 'notes.png'), 'png', 'notes')).toMatchObject({ code: '40004', sub_code: 'UNKNOWN_FORMAT' });
    expect(await sdkUpload(join(cwd, 'logo.png'), 'jpg', 'logo')).toMatchObject({ code: '40004', sub_code: 'INVALID_FILE_BYTES' });
    expect(await sdkUpload(join(cwd, 'logo.png'), 'png', 'x'.repeat(129))).toMatchObject({ code: '40004', sub_code: 'INVALID_PARAM', sub_msg: expect.stringContaining('image_name') });
  });

  it('signs the protocol and text params only: the signature checks out over a string to sign built here, without the file', async () => {
    const run = await runCli(['image', 'upload', 'logo.png', '--name', '会员 logo', '--dry-run', '--json'], { cwd });
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { params: Record<string, string>; sign: string; url: string; body: string };
    const { sign, ...signed } = shown.params;
    expect(Object.keys(signed).sort()).toEqual(['app_id', 'charset', 'format', 'image_name', 'image_type', 'method', 'sign_type', 'timestamp', 'version']);
    const content = Object.keys(signed).sort().map((k) => `${k}=${signed[k]}`).join('&');
    const publicKey = createPublicKey(readFileSync(join(vectorsDir, 'app-public-key.pem')));
    expect(createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, sign!, 'base64')).toBe(true);
    // The text params travel in the body, the protocol params and the signature in the query.
    expect(new URL(shown.url).searchParams.get('image_name')).toBeNull();
    expect(new URL(shown.url).searchParams.get('sign')).toBe(sign);
    expect(shown.body).toContain('image_name=会员 logo');
    expect(shown.body).toContain('image_content=<logo.png, image/png');
  });

  it('refuses before sending: a file that is no image, too small for a logo, missing, over 5 MB, or --type against its bytes (exit 2)', async () => {
    const notImage = await runCli(['image', 'upload', 'notes.png'], { cwd });
    expect([notImage.code, notImage.stderr]).toEqual([2, expect.stringContaining('is not a PNG, JPEG, GIF or BMP image')]);
    const small = await runCli(['image', 'upload', 'small.png', '--for', 'logo'], { cwd });
    expect([small.code, small.stderr]).toEqual([2, expect.stringContaining('120×90 px, too small for a logo')]);
    const missing = await runCli(['image', 'upload', 'gone.png'], { cwd });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('cannot read gone.png: no such file')]);
    writeFileSync(join(cwd, 'huge.png'), Buffer.concat([png(600, 600, [1, 1, 1]), Buffer.alloc(6 * 1024 * 1024)]));
    const huge = await runCli(['image', 'upload', 'huge.png'], { cwd });
    expect([huge.code, huge.stderr]).toEqual([2, expect.stringContaining('huge.png is over 5 MB: alipay.offline.material.image.upload takes images of at most 5242880 bytes')]);
    const blankName = await runCli(['image', 'upload', 'logo.png', '--name', '   ', '--dry-run'], { cwd });
    expect([blankName.code, blankName.stdout, blankName.stderr]).toEqual([2, '', expect.stringContaining('image_name [--name]: is blank (only spaces)')]);
    const wrongType = await runCli(['image', 'upload', 'logo.png', '--type', 'gif'], { cwd });
    expect([wrongType.code, wrongType.stderr]).toEqual([2, expect.stringContaining('logo.png is a PNG image')]);
  });

  it('refuses a JPEG cut inside its frame header the same way every run, whatever memory lies after the file (exit 2, nothing sent)', async () => {
    writeFileSync(join(cwd, 'cut.jpg'), Buffer.from('ffd8ffe00002ffc0001108', 'hex'));
    for (const args of [['image', 'upload', 'cut.jpg'], ['image', 'upload', 'cut.jpg', '--for', 'logo', '--dry-run'], ['image', 'upload', 'cut.jpg']]) {
      const run = await runCli(args, { cwd });
      expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('image_content [cut.jpg]: starts as a JPEG image, but its header is cut short')]);
      expect(run.stdout).toBe('');
    }
  });

  it('refuses an image cut short or with too little pixel data for its size (exit 2, nothing sent); the gateway answers INVALID_FILE_BYTES when it gets one', async () => {
    const whole = png(600, 600, [1, 2, 3]);
    writeFileSync(join(cwd, 'cut.png'), whole.subarray(0, 40));
    const cut = await runCli(['image', 'upload', 'cut.png'], { cwd });
    expect([cut.code, cut.stdout, cut.stderr]).toEqual([2, '', expect.stringContaining('image_content [cut.png]: starts as a PNG image, but it is cut short: it ends before its IEND chunk')]);
    // A header saying 60000×60000 px, an IDAT of a few bytes, an IEND: 68 bytes in all.
    const header = Buffer.from(whole.subarray(0, 33));
    header.writeUInt32BE(60000, 16);
    header.writeUInt32BE(60000, 20);
    const idat = whole.subarray(33, 33 + 12 + whole.readUInt32BE(33));
    writeFileSync(join(cwd, 'huge-claim.png'), Buffer.concat([header, Buffer.from('0000000b49444154', 'hex'), idat.subarray(8, 19), Buffer.alloc(4), whole.subarray(-12)]));
    const liar = await runCli(['image', 'upload', 'huge-claim.png', '--for', 'background'], { cwd });
    expect([liar.code, liar.stdout, liar.stderr]).toEqual([2, '', expect.stringContaining('is too little for 60000×60000 px')]);
    expect(await sdkUpload(join(cwd, 'cut.png'), 'png', 'cut')).toMatchObject({ code: '40004', sub_code: 'INVALID_FILE_BYTES', sub_msg: expect.stringContaining('it ends before its IEND chunk') });
  });

  it('with a GBK profile, sends image_name and the file name in GBK, as it signs them, and the gateway takes it', async () => {
    writeFileSync(join(cwd, '会员 标志.png'), png(60, 60, [5, 5, 5]));
    // A proxy in front of the gateway keeps the bytes that went over the wire.
    const bodies: Buffer[] = [];
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      bodies.push(Buffer.concat(chunks));
      const answer = await fetch(`${gw.url}${req.url!.slice(req.url!.indexOf('?'))}`, { method: 'POST', headers: { 'content-type': req.headers['content-type']! }, body: Buffer.concat(chunks) });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/gateway.do`;
      const run = await runCli(['--gateway', url, 'image', 'upload', '会员 标志.png', '--name', '会员', '--json'], { cwd, env: { ALIPAY_CHARSET: 'gbk' } });
      expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
      expect(JSON.parse(run.stdout)).toMatchObject({ code: '10000' });
      const wire = bodies[0]!;
      expect(wire.includes(Buffer.from([0xbb, 0xe1, 0xd4, 0xb1]))).toBe(true);
      expect(wire.includes(Buffer.from('会员', 'utf8'))).toBe(false);
      expect(wire.includes(Buffer.concat([Buffer.from('filename="'), Buffer.from([0xbb, 0xe1, 0xd4, 0xb1]), Buffer.from(' ')]))).toBe(true);
    } finally {
      await new Promise((done) => proxy.close(done));
    }
  });

  it('keeps images through a restart: the record in the state, the bytes under the state directory', async () => {
    const node = JSON.parse((await runCli(['image', 'upload', 'small.png', '--json'], { cwd })).stdout) as { image_id: string };
    expect(readFileSync(join(dirname(state), 'images', (await import('node:crypto')).createHash('sha256').update(readFileSync(join(cwd, 'small.png'))).digest('hex')))).toEqual(readFileSync(join(cwd, 'small.png')));
    await gw.stop();
    gw = await serveGateway([], state);
    const served = await fetch(`${gw.base}/_local/images/${node.image_id}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(readFileSync(join(cwd, 'small.png')));
    expect((await fetch(`${gw.base}/_local/images/nope`)).status).toBe(404);
  });
});

describe('image upload against the in-process gateway (--gateway local)', () => {
  it("answers an image_url that outlives the command: the file it kept, not the port that closed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-local-image-'));
    writeFileSync(join(dir, 'logo.png'), png(400, 400, [10, 20, 200]));
    const run = await runCli(['--gateway', 'local', 'image', 'upload', 'logo.png', '--json'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    const node = JSON.parse(run.stdout) as { image_id: string; image_url: string };
    expect(node.image_id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(node.image_url).toMatch(/^file:\/\//);
    const { fileURLToPath } = await import('node:url');
    expect(readFileSync(fileURLToPath(node.image_url))).toEqual(readFileSync(join(dir, 'logo.png')));
  });
});
