import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runTemporaryDir } from '../../e2e/cli.js';
import { demoTemplate } from '../../../src/cli/commands/demo.js';
import { APP_ID, serveGateway } from '../../e2e/serve.js';

// What `alipay-card --help` loads is laid out by scripts/build.mjs: the CommonJS entry, the loader
// that runs the chunks (src/loader/chunks.ts), one chunk with main's static graph and esbuild's
// runtime chunk. Each file more is a resolve, a read and a
// compile, and node:crypto alone costs 6–13 ms of start-up; an import that pulls the protocol into
// the program definition (as card-update.ts once did, through card-open.ts and the protocol's
// index) brings both back, and an ES module anywhere on the way brings back Node's ESM loader.
// This runs the real binary with a preload that reports, at exit, every file the CommonJS loader
// loaded, then every chunk the loader ran, and every built-in module Node loaded. `npm test` builds first.

const root = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname), '../../..');

interface Loaded {
  files: string[];
  builtins: string[];
}

function loadedBy(args: string[], env: Record<string, string> = {}, stderr: 'pipe' | number = 'pipe'): Loaded {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-start-up-'));
  const probe = join(dir, 'probe.cjs');
  const report = join(dir, 'loaded.json');
  writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify({
    files: [
      ...Object.keys(require.cache).filter((f) => f !== __filename),
      // dist/loader.js, which boot compiles itself (src/loader/boot.ts), then what the loader ran.
      ...(() => {
        const boot = Object.values(require.cache).find((m) => m.filename.endsWith('/dist/boot.js'));
        const loader = boot?.exports.chunkLoader();
        return loader ? [require('node:path').join(require('node:path').dirname(boot.filename), 'loader.js'), ...loader.loaded()] : [];
      })(),
    ],
    builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
  })));\n`);
  const run = spawnSync(process.execPath, ['--require', probe, join(root, 'bin/alipay-card.js'), ...args], {
    // In a directory of its own, as in a user's home: no package.json or config to search.
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...runTemporaryDir(), ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', stderr],
  });
  expect([run.status, run.stderr ?? '']).toEqual([0, '']);
  return JSON.parse(readFileSync(report, 'utf8')) as Loaded;
}

describe('what `alipay-card --help` loads', () => {
  let loaded: Loaded;
  beforeAll(() => {
    loaded = loadedBy(['--help']);
  });

  it('is the entry, boot, the loader, main and at most two chunks, none of them an ES module', () => {
    const ours = loaded.files.map((f) => f.slice(root.length + 1));
    // What the CommonJS loader and ours loaded: an ES module would be missing here.
    expect(ours.slice(0, 4)).toEqual(['bin/alipay-card.js', 'dist/boot.js', 'dist/loader.js', 'dist/cli/main.js']);
    expect(ours.slice(4).every((f) => f.startsWith('dist/chunks/'))).toBe(true);
    expect(ours.length).toBeLessThanOrEqual(6);
  });

  // (node:net it loads: its stdout here is a pipe, which Node writes through a socket.)
  // node:os (≈0.45 ms: src/loader/user-dirs.ts reads the temporary and home directories), node:module
  // (≈0.5 ms: loaded with the first package, src/loader/packages.ts), node:process (commander's: the
  // loader gives it the process object): each a module load that --help needs none of.
  it('loads no node:crypto, no HTTP, no TLS, no worker threads, no child processes, no node:os, node:module or node:process', () => {
    expect(loaded.builtins.filter((m) => /^(crypto|http|https|tls|worker_threads|child_process|os|module|process)$/.test(m))).toEqual([]);
  });

  it('stays small: its bytes are what Node compiles before printing anything', () => {
    const bytes = loaded.files.reduce((sum, f) => sum + statSync(f).size, 0);
    expect(bytes).toBeLessThan(160_000);
  });
});

describe('the language of `--help`', () => {
  const ours = (loaded: Loaded) => loaded.files.map((f) => f.slice(root.length + 1)).filter((f) => f.startsWith('dist/'));
  const translations = (files: string[]) => files.filter((f) => f.startsWith('dist/i18n/'));

  // English (whatever says it: no locale, en_US) loads no translation; Chinese loads the files of
  // the sections it shows, each a few kilobytes, and otherwise what English loads.
  it('English loads no Chinese', () => {
    expect(translations(ours(loadedBy(['--help'], { LANG: 'en_US.UTF-8' })))).toEqual([]);
    expect(translations(ours(loadedBy(['--help'])))).toEqual([]);
  });

  it('Chinese loads what English loads and the sections it shows, not the whole catalogue', () => {
    const english = ours(loadedBy(['--help'], { LANG: 'en_US.UTF-8' }));
    const zh = ours(loadedBy(['--help'], { LANG: 'zh_CN.UTF-8' }));
    expect(zh.filter((f) => !english.includes(f))).toEqual(translations(zh));
    expect(translations(zh).length).toBeGreaterThan(0);
    const catalogue = readdirSync(join(root, 'dist/i18n/zh-CN')).filter((f) => f.endsWith('.js'));
    expect(translations(zh).length).toBeLessThan(catalogue.length / 4);
  });
});

describe('stderr on /dev/null, or that a run writes nothing to', () => {
  // Node's stream for a terminal or a device is built when first used (src/cli/output.ts): where
  // scripts send stderr (/dev/null), building it loaded the stream machinery for nothing.
  it('is not built: --version and sign with stderr on /dev/null load no stream for it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-quiet-'));
    copyFileSync(join(root, 'test/fixtures/vectors/app-private-key.pem'), join(dir, 'key.pem'));
    // Or the run warns (on stderr) that others may read it.
    chmodSync(join(dir, 'key.pem'), 0o600);
    writeFileSync(join(dir, 'rc.json'), JSON.stringify({ profiles: { p: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: join(dir, 'key.pem') } } }));
    const devNull = openSync('/dev/null', 'w');
    try {
      for (const args of [['--version'], ['-c', join(dir, 'rc.json'), 'sign', '--method', 'alipay.marketing.card.template.query', '--biz', '{}', '--json']]) {
        expect([args.join(' '), loadedBy(args, {}, devNull).builtins.filter((m) => /sync_write_stream|^tty$/.test(m))]).toEqual([args.join(' '), []]);
      }
      // card open --dry-run says the serial and the default open_date on stderr: written with write(2) there.
      const open = ['-c', join(dir, 'rc.json'), 'card', 'open', '--template-id', '20170308000000000058101000300045', '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00', '--dry-run', '--json'];
      expect(loadedBy(open, {}, devNull).builtins.filter((m) => /sync_write_stream|^tty$/.test(m))).toEqual([]);
    } finally {
      closeSync(devNull);
    }
  });

  // Closing the client's connection with agent.destroy() built it: Node's net.Socket._destroy reads
  // process.stderr (src/client/node-transport.ts ends the connections instead).
  it('is not built by card open against a gateway, which closes its connection before it exits', async () => {
    const gw = await serveGateway();
    const devNull = openSync('/dev/null', 'w');
    try {
      const client = gw.client();
      const templateId = String((await client.call('alipay.marketing.card.template.create', { bizContent: JSON.stringify(demoTemplate('start-up-stderr')), retrySafe: false })).node.template_id);
      await client.close();
      const dir = mkdtempSync(join(tmpdir(), 'alipay-card-quiet-'));
      copyFileSync(join(root, 'test/fixtures/vectors/app-private-key.pem'), join(dir, 'key.pem'));
      chmodSync(join(dir, 'key.pem'), 0o600);
      writeFileSync(join(dir, 'rc.json'), JSON.stringify({ profiles: { p: { appId: APP_ID, gateway: gw.url, privateKeyFile: join(dir, 'key.pem'), alipayPublicKey: gw.alipayPublicKey } } }));
      const open = ['-c', join(dir, 'rc.json'), 'card', 'open', '--template-id', templateId, '--user-id', '2088302463082075', '--valid-date', '2030-01-01 00:00:00', '--level', 'VIP1', '--point', '0', '--balance', '0.00', '--json'];
      expect(loadedBy(open, {}, devNull).builtins.filter((m) => /sync_write_stream|^tty$/.test(m))).toEqual([]);
      expect(await gw.cards()).toHaveLength(1);
    } finally {
      closeSync(devNull);
      await gw.stop();
    }
  });
});
