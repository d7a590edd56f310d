// `card batch` end to end against the local gateway on loopback, beside what Alipay's own Node SDK
// (alipay-sdk) reaches against the same gateway with 16 concurrent `exec` calls, measured in the
// same run; and the peak memory of a 1,000,000-row --validate-only and a 100,000-row real run.
// Then `card batch --action update` setting the points of every card that run issued, beside the
// SDK's 16 concurrent alipay.marketing.card.update calls on the same cards.
// The gateway runs as `alipay-card gateway serve` in its own process, as a user would run it.
// Needs `npm run build` first. Run alone: `node bench/batch.mjs`; bench/run.mjs calls benchBatch().
import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = join(root, 'bin/alipay-card.js');
const vectors = join(root, 'test/fixtures/vectors');
const APP_ID = '2021000000000001';
const CONCURRENCY = 16;

/**
 * @returns {Promise<{ cardsPerSecond: number, sdkCardsPerSecond: number, ratio: number,
 *   realRunRows: number, realRunPeakRssMb: number, validateOnlyRows: number, validateOnlyPeakRssMb: number,
 *   validateOnlyRowsPerSecond: number, sdkCalls: number }>}
 */
export async function benchBatch({ realRunRows = 100_000, validateOnlyRows = 1_000_000, sdkCalls = 4_000 } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'alipay-card-bench-batch-'));
  const gateway = await serve(work);
  try {
    const templateId = await createTemplate(gateway);
    writeFileSync(join(work, 'app.pem'), readFileSync(join(vectors, 'app-private-key.pem')), { mode: 0o600 });
    writeFileSync(join(work, '.alipay-cardrc.json'), JSON.stringify({
      profiles: { bench: { appId: APP_ID, gateway: gateway.url, privateKeyFile: 'app.pem', alipayPublicKey: gateway.alipayPublicKey } },
    }));

    // The SDK before and after ours, so a drift in the machine's load hits both sides.
    const sdkBefore = await sdkRate(gateway, templateId, sdkCalls / 2, 'before');
    writeMembers(join(work, 'real.csv'), realRunRows, false);
    const real = await runMeasured(['card', 'batch', 'real.csv', '--template-id', templateId, '--concurrency', String(CONCURRENCY), '--json'], work);
    if (real.code !== 0) throw new Error(`card batch exited ${real.code}: ${real.stderr.slice(-2000)}`);
    const sdkAfter = await sdkRate(gateway, templateId, sdkCalls / 2, 'after');

    // The cards just issued, their points set by a CRM-style file: card number, new points.
    const cards = readFileSync(join(work, 'real.csv.results.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[3]);
    writeFileSync(join(work, 'cards.txt'), cards.join('\n'));
    writeFileSync(join(work, 'points.csv'), `biz_card_no,point\n${cards.map((card, i) => `${card},${1000 + i}`).join('\n')}\n`);
    const sdkUpdateBefore = await sdkRate(gateway, templateId, sdkCalls / 2, 'before', join(work, 'cards.txt'));
    const update = await runMeasured(['card', 'batch', 'points.csv', '--action', 'update', '--concurrency', String(CONCURRENCY), '--json'], work);
    if (update.code !== 0) throw new Error(`card batch --action update exited ${update.code}: ${update.stderr.slice(-2000)}`);
    const sdkUpdateAfter = await sdkRate(gateway, templateId, sdkCalls / 2, 'after', join(work, 'cards.txt'));

    writeMembers(join(work, 'validate.csv'), validateOnlyRows, true);
    const validate = await runMeasured(['card', 'batch', 'validate.csv', '--template-id', templateId, '--validate-only', '--json'], work);
    if (validate.code !== 0) throw new Error(`card batch --validate-only exited ${validate.code}: ${validate.stderr.slice(-2000)}`);

    const cardsPerSecond = realRunRows / real.seconds;
    const sdkCardsPerSecond = (sdkBefore + sdkAfter) / 2;
    return {
      cardsPerSecond,
      sdkCardsPerSecond,
      ratio: cardsPerSecond / sdkCardsPerSecond,
      realRunRows,
      realRunPeakRssMb: real.peakRssKb / 1024,
      validateOnlyRows,
      validateOnlyPeakRssMb: validate.peakRssKb / 1024,
      validateOnlyRowsPerSecond: validateOnlyRows / validate.seconds,
      sdkCalls,
      updateRows: cards.length,
      updatesPerSecond: cards.length / update.seconds,
      sdkUpdatesPerSecond: (sdkUpdateBefore + sdkUpdateAfter) / 2,
      updatePeakRssMb: update.peakRssKb / 1024,
    };
  } finally {
    await gateway.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Members with valid rows; the --validate-only file also carries valid_date. Either way the template is looked up once, for its rules. */
function writeMembers(path, rows, withValidDate) {
  const fd = openSync(path, 'w');
  writeSync(fd, `user_uni_id,name,level,cell${withValidDate ? ',valid_date' : ''}\n`);
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    chunk += `2088${String(i).padStart(12, '0')},会员${i},VIP1,13${String(i % 1e9).padStart(9, '0')}${withValidDate ? ',2030-12-31 23:59:59' : ''}\n`;
    if (i % 10_000 === 0) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** Runs the CLI, timing it and sampling its peak RSS (VmHWM, the kernel's high-water mark) from /proc. */
function runMeasured(args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRssKb = 0;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm[1]));
      } catch {
        // The process is gone, or this is not Linux: the last sample stands.
      }
    };
    const timer = setInterval(sample, 20);
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(timer);
      resolvePromise({ code, stdout, stderr, peakRssKb, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/**
 * Card opens per second through alipay-sdk's exec, 16 at a time, in a child process on Beijing
 * time; card updates per second instead when `cardsFile` lists cards to update.
 */
function sdkRate(gateway, templateId, calls, tag, cardsFile) {
  return new Promise((resolvePromise, reject) => {
    // The SDK stamps `timestamp` with the host's local time; on Beijing time it is what Alipay expects.
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--sdk-worker', JSON.stringify({ url: gateway.url, alipayPublicKey: gateway.alipayPublicKey, templateId, calls, tag, cardsFile })], {
      env: { ...process.env, TZ: 'Asia/Shanghai' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise(JSON.parse(out).callsPerSecond) : reject(new Error(`SDK worker exited ${code}`))));
  });
}

async function sdkWorker({ url, alipayPublicKey, templateId, calls, tag, cardsFile }) {
  const { AlipaySdk } = await import('alipay-sdk');
  const sdk = new AlipaySdk({ appId: APP_ID, privateKey: readFileSync(join(vectors, 'app-private-key.pem'), 'utf8'), alipayPublicKey, gateway: url, signType: 'RSA2', camelcase: false });
  const openOne = async (i) => {
    const serial = `sdk-${tag}-${process.pid}-${i}`;
    const result = await sdk.exec('alipay.marketing.card.open', { bizContent: {
      out_serial_no: serial, card_template_id: templateId,
      card_user_info: { user_uni_id: `2088${String(i).padStart(12, '0')}`, user_uni_id_type: 'UID' },
      card_ext_info: { external_card_no: serial, open_date: '2024-05-01 09:30:00', valid_date: '2030-12-31 23:59:59', level: 'VIP1' },
      member_ext_info: { name: `会员${i}` },
    } }, { validateSign: true });
    if (result.code !== '10000') throw new Error(`SDK card open: ${JSON.stringify(result)}`);
  };
  const cards = cardsFile ? readFileSync(cardsFile, 'utf8').split('\n') : [];
  const updateOne = async (i) => {
    const result = await sdk.exec('alipay.marketing.card.update', { bizContent: {
      target_card_no: cards[i % cards.length], target_card_no_type: 'BIZ_CARD', occur_time: '2024-05-01 09:30:00', card_info: { point: String(i) },
    } }, { validateSign: true });
    if (result.code !== '10000') throw new Error(`SDK card update: ${JSON.stringify(result)}`);
  };
  const callOne = cardsFile ? updateOne : openOne;
  // One warm-up call (connection, key parsing) before the clock starts; every timed call then
  // opens a new card, as every row of ours does (a replayed serial would measure idempotent replays).
  await callOne(0);
  let next = 1;
  const worker = async () => {
    for (let i = next++; i < calls; i = next++) await callOne(i);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ callsPerSecond: (calls - 1) / seconds }));
}

async function serve(work) {
  const child = spawn(process.execPath, [bin, 'gateway', 'serve', '--json', '--port', '0', '--state', join(work, 'gw.json'),
    '--app', `${APP_ID}=${join(vectors, 'app-public-key.pem')}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Its stderr (the Ctrl-C hint, "stopped") is shown only if it fails.
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const first = await new Promise((resolvePromise, reject) => {
    createInterface({ input: child.stdout }).once('line', resolvePromise);
    child.once('exit', (code) => reject(new Error(`gateway serve exited ${code}: ${stderr}`)));
  });
  const { url, alipayPublicKey } = JSON.parse(first);
  return {
    url,
    alipayPublicKey,
    stop: () => new Promise((resolvePromise) => {
      child.once('exit', resolvePromise);
      child.kill('SIGINT');
    }),
  };
}

/** A template whose only field rule is ValidDate 12 months out, created with a request we sign ourselves. */
async function createTemplate(gateway) {
  const { buildRequest } = await import(pathToFileURL(join(root, 'dist/client/request.js')).href);
  const { formatTimestamp } = await import(pathToFileURL(join(root, 'dist/protocol/index.js')).href);
  const identity = { appId: APP_ID, privateKey: createPrivateKey(readFileSync(join(vectors, 'app-private-key.pem'))), signType: 'RSA2', charset: 'utf-8' };
  const template = {
    request_id: 'bench-batch-template', card_type: 'OUT_MEMBER_CARD', biz_no_prefix: 'B', biz_no_suffix_len: '16',
    template_style_info: { card_show_name: '基准测试卡', logo_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', background_id: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', bg_color: 'rgb(55,112,179)' },
    column_info_list: [{ code: 'LEVEL', title: '等级' }],
    field_rule_list: [{ field_name: 'ValidDate', rule_name: 'DATE_IN_FUTURE', rule_value: '12m' }],
    card_level_conf: [{ level: 'VIP1', level_show_name: '黄金会员', level_icon: '1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', level_desc: '黄金会员' }],
  };
  const signed = buildRequest(gateway.url, { method: 'alipay.marketing.card.template.create', bizContent: JSON.stringify(template), timestamp: formatTimestamp(new Date()) }, identity);
  const response = await fetch(signed.url, { method: 'POST', headers: { 'content-type': signed.contentType }, body: signed.body });
  const templateId = /"template_id":"(\d+)"/.exec(await response.text())?.[1];
  if (!templateId) throw new Error('template create failed');
  return templateId;
}

if (process.argv[2] === '--sdk-worker') {
  await sdkWorker(JSON.parse(process.argv[3]));
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await benchBatch();
  const fmt = (v) => v.toFixed(v >= 100 ? 0 : 1);
  console.log(`card batch (concurrency ${CONCURRENCY}, ${r.realRunRows} rows): ${fmt(r.cardsPerSecond)} cards/s; alipay-sdk exec x${CONCURRENCY}: ${fmt(r.sdkCardsPerSecond)} cards/s; ratio ${r.ratio.toFixed(2)}x (bar: >= 1000 cards/s and >= 2x)`);
  console.log(`card batch --action update (${r.updateRows} rows): ${fmt(r.updatesPerSecond)} rows/s; alipay-sdk card.update x${CONCURRENCY}: ${fmt(r.sdkUpdatesPerSecond)}/s; ratio ${(r.updatesPerSecond / r.sdkUpdatesPerSecond).toFixed(2)}x; peak RSS ${fmt(r.updatePeakRssMb)} MB (bars: >= 1000 rows/s, >= 2x, < 150 MB)`);
  console.log(`peak RSS: ${fmt(r.realRunPeakRssMb)} MB for the ${r.realRunRows}-row run, ${fmt(r.validateOnlyPeakRssMb)} MB for ${r.validateOnlyRows}-row --validate-only (${fmt(r.validateOnlyRowsPerSecond)} rows/s) (bar: < 150 MB)`);
}
