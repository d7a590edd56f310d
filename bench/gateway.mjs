// The local gateway's card-open rate on loopback, beside a bare node:crypto sign loop measured in
// the same run (every answer costs the gateway one RSA-2048 signature, so that loop is its ceiling
// on one core). The gateway runs as the real binary in its own process, as `gateway serve` would,
// and is driven over 16 keep-alive connections with requests signed before the clock starts.
// Needs `npm run build` first. Run alone: `node bench/gateway.mjs`.
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign as cryptoSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const APP_ID = '2021000000000001';
const CONNECTIONS = 16;

/** @returns {Promise<{ requestsPerSecond: number, signaturesPerSecond: number, requests: number, connections: number }>} */
export async function benchGateway({ requests = 12_000, warmup = 1_000 } = {}) {
  const { buildRequest } = await import(pathToFileURL(join(root, 'dist/client/request.js')).href);
  const { formatTimestamp } = await import(pathToFileURL(join(root, 'dist/protocol/index.js')).href);
  const keyPem = readFileSync(join(root, 'test/fixtures/vectors/app-private-key.pem'), 'utf8');
  const privateKey = createPrivateKey(keyPem);
  const work = mkdtempSync(join(tmpdir(), 'alipay-card-bench-gw-'));
  writeFileSync(join(work, 'app.pem'), createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  const gateway = await serve(work);
  // Idle sockets are dropped by the client before the gateway's 10 s keep-alive can close them under it.
  const agent = new Agent({ connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 5_000, keepAliveMaxTimeout: 5_000 });
  try {
    const identity = { appId: APP_ID, privateKey, signType: 'RSA2', charset: 'utf-8' };
    const timestamp = formatTimestamp(new Date());
    const sign = (method, biz) => buildRequest(gateway.url, { method, bizContent: JSON.stringify(biz), timestamp }, identity);
    const created = await send(agent, sign('alipay.marketing.card.template.create', template()));
    const templateId = /"template_id":"(\d+)"/.exec(created)?.[1];
    if (!templateId) throw new Error(`template create failed: ${created}`);

    const opens = (prefix, count) => Array.from({ length: count }, (_, i) => sign('alipay.marketing.card.open', cardOpen(templateId, `${prefix}-${i}`)));
    const warm = opens('warm', warmup);
    const signed = opens('bench', requests);
    await drive(agent, warm);
    const started = process.hrtime.bigint();
    await drive(agent, signed);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const bytes = Buffer.from(signed[0].signContent, 'utf8');
    return { requestsPerSecond: requests / seconds, signaturesPerSecond: signLoop(() => cryptoSign('sha256', bytes, privateKey)), requests, connections: CONNECTIONS };
  } finally {
    await agent.close();
    gateway.child.kill('SIGINT');
    await gateway.exited;
    rmSync(work, { recursive: true, force: true });
  }
}

/** 16 workers, each sending its next request as soon as its previous answer is in. */
async function drive(agent, signed) {
  let next = 0;
  const worker = async () => {
    while (next < signed.length) {
      const body = await send(agent, signed[next++]);
      if (!body.includes('"code":"10000"')) throw new Error(`card open failed: ${body}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

async function send(agent, signed) {
  const response = await request(signed.url, { method: 'POST', dispatcher: agent, headers: { 'content-type': signed.contentType }, body: signed.body });
  return response.body.text();
}

function signLoop(fn, ms = 2000) {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  while (process.hrtime.bigint() < end) {
    fn();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

function serve(work) {
  const child = spawn(process.execPath, [join(root, 'bin/alipay-card.js'), 'gateway', 'serve', '--json', '--port', '0', '--state', join(work, 'gw.json'), '--app', `${APP_ID}=${join(work, 'app.pem')}`], {
    env: { ...process.env, HOME: work, XDG_STATE_HOME: work, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its stderr (the Ctrl-C hint, "stopped") is shown only if it fails.
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise((resolvePromise) => child.on('close', resolvePromise));
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    createInterface({ input: child.stdout }).once('line', (line) => resolvePromise({ child, exited, url: JSON.parse(line).url }));
    exited.then((code) => reject(new Error(`gateway serve exited with ${code} before listening: ${stderr}`)));
  });
}

function template() {
  return {
    request_id: 'bench-template',
    card_type: 'OUT_MEMBER_CARD',
    biz_no_prefix: 'B',
    biz_no_suffix_len: '16',
    template_style_info: { card_show_name: '基准测试卡', logo_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', background_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', bg_color: 'rgb(55,112,179)' },
    column_info_list: [{ code: 'BALANCE', title: '余额' }],
    field_rule_list: [{ field_name: 'Balance', rule_name: 'ASSIGN_FROM_REQUEST', rule_value: 'Balance' }],
    card_level_conf: [{ level: 'VIP1', level_show_name: '黄金会员', level_icon: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', level_desc: '黄金会员' }],
  };
}

function cardOpen(templateId, serial) {
  return {
    out_serial_no: serial,
    card_template_id: templateId,
    card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' },
    card_ext_info: { external_card_no: serial, open_date: '2024-05-01 09:30:00', valid_date: '2030-05-01 09:30:00', level: 'VIP1', point: '88', balance: '124.89' },
    member_ext_info: { name: '张三', gende: 'MALE' },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchGateway();
  console.log(`gateway card open: ${r.requestsPerSecond.toFixed(0)} req/s (${r.connections} keep-alive connections, ${r.requests} requests); bare node:crypto RSA2 sign loop: ${r.signaturesPerSecond.toFixed(0)} sig/s; ratio ${(r.requestsPerSecond / r.signaturesPerSecond).toFixed(2)}x`);
}
