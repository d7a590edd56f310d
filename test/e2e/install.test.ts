import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { repoRoot, runTemporaryDir } from './cli.js';

// Issue 15 item 2: the tool as users install it. The package `npm pack` makes is installed with
// `npm install -g` into a temporary prefix, with a PATH that holds Node and nothing else (no
// compiler, make or python: no build tools), and the installed copy runs away from the source.

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string; files: string[]; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};

/** npm's own script, run by this Node (the Node under test: .ci/run puts it first on PATH). */
function npmCli(): string {
  if (process.env.npm_execpath && existsSync(process.env.npm_execpath)) return process.env.npm_execpath;
  const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  return realpathSync(npm);
}

function npm(args: string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const r = spawnSync(process.execPath, [npmCli(), ...args], { cwd, env, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * This environment less what `npm test` and jest add (npm_* settings, NODE_OPTIONS): what reaches
 * the registry here (a proxy, NODE_EXTRA_CA_CERTS) stays, as it would in the user's shell.
 */
function inherited(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE_OPTIONS' && !k.startsWith('JEST')));
}

describe('npm pack, then npm install -g from the package, with no build tools and no source', () => {
  const work = mkdtempSync(join(tmpdir(), 'alipay-card-install-'));
  const prefix = join(work, 'prefix');
  const nodeOnly = join(work, 'node-only');
  const home = join(work, 'home');
  let bin: string;
  // The user's npm cache (filled by `npm ci`), so the install needs the registry only for what it lacks.
  const cache = execFileSync(process.execPath, [npmCli(), 'config', 'get', 'cache'], { encoding: 'utf8', env: inherited() }).trim();
  const userEnv = () => ({ PATH: nodeOnly, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local/state'), NO_COLOR: '1', ...runTemporaryDir() });
  const run = (args: string[]) => spawnSync(bin, args, { cwd: home, env: userEnv(), encoding: 'utf8', timeout: 60_000 });

  beforeAll(() => {
    mkdirSync(nodeOnly);
    mkdirSync(home);
    symlinkSync(process.execPath, join(nodeOnly, 'node'));
    // dist/ is the one `npm test` just built: packing must not rebuild it under the other tests' feet.
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], { ...inherited(), npm_config_loglevel: 'error' }, repoRoot)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = join(work, packed[0]!.filename);
    npm(['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--omit=dev'],
      { ...inherited(), PATH: nodeOnly, npm_config_cache: cache, npm_config_loglevel: 'error' }, work);
    bin = join(prefix, 'bin/alipay-card');
  }, 300_000);

  it('the package holds what runs and a prepack that builds it; nothing a run needs is a devDependency', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.files).toEqual(expect.arrayContaining(['bin', 'dist']));
    const installed = join(prefix, 'lib/node_modules/alipay-card');
    expect(existsSync(join(installed, 'dist/cli/main.js'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    // A devDependency may be installed only as what a runtime dependency needs (pngjs, which qrcode uses, is also the tests' PNG reader).
    const needed = new Set<string>();
    for (const name of readdirSync(join(installed, 'node_modules'))) {
      const manifest = join(installed, 'node_modules', name, 'package.json');
      if (existsSync(manifest)) for (const dep of Object.keys((JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: object }).dependencies ?? {})) needed.add(dep);
    }
    const devOnly = Object.keys(pkg.devDependencies).filter((dev) => !needed.has(dev) && !(dev in pkg.dependencies));
    for (const dev of devOnly) expect([dev, existsSync(join(installed, 'node_modules', dev))]).toEqual([dev, false]);
    // No compiler anywhere on the PATH the install ran with.
    for (const tool of ['gcc', 'cc', 'make', 'python3']) expect(existsSync(join(nodeOnly, tool))).toBe(false);
  });

  it('--version, and -v --version with Node and the platform for a bug report', () => {
    const bare = run(['--version']);
    expect(bare.status).toBe(0);
    expect(bare.stdout.trim()).toBe(pkg.version);
    const verbose = run(['-v', '--version', '--json']);
    expect(verbose.status).toBe(0);
    expect(JSON.parse(verbose.stdout)).toEqual({ version: pkg.version, node: process.version, platform: process.platform, arch: process.arch });
  });

  it('demo, then one card open --gateway local, from the installed copy', () => {
    const demo = run(['demo', '-o', 'table']);
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    const templateId = /▸ Template (\d+)/.exec(demo.stdout)?.[1];
    expect(templateId).toBeDefined();
    const open = run(['--gateway', 'local', 'card', 'open', '--template-id', templateId!, '--user-id', '2088302463082075', '--level', 'VIP1', '--point', '1', '--balance', '1.00', '--json']);
    expect(open.status).toBe(0);
    expect((JSON.parse(open.stdout) as { card_info: { biz_card_no: string } }).card_info.biz_card_no).toMatch(/\S/);
    expect(open.stderr).toMatch(/local gateway — nothing is issued at Alipay/);
  });

  it('the installed command is found by name on the PATH, as a shell finds it', () => {
    const r = spawnSync('alipay-card', ['--help'], { cwd: home, env: { ...userEnv(), PATH: [join(prefix, 'bin'), nodeOnly].join(delimiter) }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: alipay-card/m);
    expect(dirname(realpathSync(join(prefix, 'bin/alipay-card')))).toBe(join(realpathSync(prefix), 'lib/node_modules/alipay-card/bin'));
  });
});
