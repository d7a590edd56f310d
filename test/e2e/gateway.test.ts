import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { createInterface } from 'node:readline';
import { formatTimestamp } from '../../src/protocol/index.js';
import { cardOpenSample, templateSample } from '../unit/cards/samples.js';
import { APP_ID, appPublicKey, call, METHOD } from '../unit/gateway/helpers.js';
import { binPath, cleanEnv, runCli } from './cli.js';

interface Served {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `alipay-card gateway serve ...` and resolves with its first stdout line. */
function serve(args: string[], home: string): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'gateway', 'serve', ...args], {
    cwd: home,
    env: cleanEnv({ HOME: home }),
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no output from gateway serve; stderr: ${stderr}`)), 15000);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, firstLine: line, stderr: () => stderr, exit });
    });
    exit.then(({ code }) => reject(new Error(`gateway serve exited ${code}: ${stderr}`)), () => undefined);
  });
}

function home(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alipay-card-gw-'));
  writeFileSync(join(dir, 'app_public_key.pem'), appPublicKey.export({ type: 'spki', format: 'pem' }));
  return dir;
}

describe('alipay-card gateway serve (the real binary)', () => {
  it('prints its address and key as one JSON line, serves gateway.do, and writes its state on SIGINT', async () => {
    const dir = home();
    const statePath = join(dir, 'gw.json');
    const served = await serve(['--json', '--port', '0', '--state', 'gw.json', '--app', `${APP_ID}=app_public_key.pem`], dir);
    const info = JSON.parse(served.firstLine) as { url: string; alipayPublicKey: string };
    expect(Object.keys(info)).toEqual(['url', 'alipayPublicKey']);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gateway\.do$/);
    expect(served.firstLine).toBe(JSON.stringify(info));

    const timestamp = { timestamp: localTimestamp() };
    const created = await call(info, METHOD.create, templateSample(), timestamp);
    expect(created).toMatchObject({ verified: true, node: { code: '10000' } });
    const opened = await call(info, METHOD.open, cardOpenSample(created.node.template_id, 'e2e-1'), timestamp);
    expect(opened).toMatchObject({ verified: true, node: { code: '10000', card_info: { biz_card_no: expect.stringMatching(/^prex\d{10}$/) } } });
    const cards = (await (await fetch(info.url.replace('/gateway.do', '/_local/cards'))).json()) as Array<{ out_serial_no: string }>;
    expect(cards.map((c) => c.out_serial_no)).toEqual(['e2e-1']);

    served.child.kill('SIGINT');
    expect(await served.exit).toEqual({ code: 0, signal: null });
    expect(served.stderr()).toContain('state written to');
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(state.cards).toEqual([expect.objectContaining({ out_serial_no: 'e2e-1', biz_card_no: opened.node.card_info.biz_card_no })]);
    expect(state.templates).toEqual([expect.objectContaining({ template_id: created.node.template_id })]);

    // A restart on the same state: the same key, the same template and card; SIGTERM stops it too.
    const again = await serve(['--json', '--state', 'gw.json'], dir);
    const info2 = JSON.parse(again.firstLine) as { url: string; alipayPublicKey: string };
    expect(info2.alipayPublicKey).toBe(info.alipayPublicKey);
    const replay = await call(info2, METHOD.open, cardOpenSample(created.node.template_id, 'e2e-1'), { timestamp: localTimestamp() });
    expect(replay.node.card_info).toEqual(opened.node.card_info);
    again.child.kill('SIGTERM');
    expect((await again.exit).code).toBe(0);
  });

  it('keeps its state under $XDG_STATE_HOME by default and prints a readable summary with -o table', async () => {
    const dir = home();
    const served = await serve(['-o', 'table', '--fault', 'latency=10:0.5'], dir);
    expect(served.firstLine).toMatch(/^Local gateway listening on http:\/\/127\.0\.0\.1:\d+\/gateway\.do$/);
    served.child.kill('SIGINT');
    expect((await served.exit).code).toBe(0);
    expect(existsSync(join(dir, '.local/state/alipay-card/gateway.json'))).toBe(true);
  });

  it('--host [::1], the IPv6 loopback as a URL writes it, listens on ::1', async () => {
    const dir = home();
    const served = await serve(['--json', '--host', '[::1]', '--state', 'gw.json'], dir);
    const { url } = JSON.parse(served.firstLine) as { url: string };
    expect(url).toMatch(/^http:\/\/\[::1\]:\d+\/gateway\.do$/);
    expect(await (await fetch(url.replace('/gateway.do', '/_local/gateway'))).json()).toMatchObject({ url });
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
  });

  it('starts with the templates of --templates and the AES key of --app-encrypt-key', async () => {
    const dir = home();
    const { request_id: _requestId, ...template } = templateSample();
    writeFileSync(join(dir, 'templates.json'), JSON.stringify([{ template_id: '20240501000000000000000000000001', ...template }]));
    writeFileSync(join(dir, 'aes.txt'), Buffer.from('0123456789abcdef').toString('base64'));
    const served = await serve(['--json', '--state', 'gw.json', '--app', `${APP_ID}=app_public_key.pem`, '--app-encrypt-key', `${APP_ID}=aes.txt`, '--templates', 'templates.json'], dir);
    const info = JSON.parse(served.firstLine) as { url: string; alipayPublicKey: string };
    const templates = (await (await fetch(info.url.replace('/gateway.do', '/_local/templates'))).json()) as Array<{ template_id: string; app_id: string }>;
    expect(templates).toEqual([expect.objectContaining({ template_id: '20240501000000000000000000000001', app_id: APP_ID })]);
    served.child.kill('SIGTERM');
    expect((await served.exit).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'gw.json'), 'utf8')).apps).toEqual([expect.objectContaining({ app_id: APP_ID, encrypt_key: expect.any(String) })]);
  });

  it.each([
    [['--fault', 'meteor:1'], /--fault "meteor:1" is not a fault/],
    [['--port', '70000'], /--port must be a port number/],
    [['--app', 'nonsense'], /is not <appId>=<publicKeyFile>/],
    [['--app', '2021000000000001=missing.pem'], /cannot read missing.pem/],
    [['--allow-remote', '--host', 'foo.invalid'], /--host foo\.invalid is not an address of this machine: it does not resolve \(ENOTFOUND\)\nhint: use 127\.0\.0\.1 \(the default\), localhost or \[::1\]/],
    [['--allow-remote', '--host', '999.1.1.1'], /--host 999\.1\.1\.1 is not an address of this machine: it does not resolve/],
  ])('refuses %j with a message and a usage or config exit code', async (args, message) => {
    const r = await runCli(['gateway', 'serve', '--json', ...args], { cwd: home() });
    expect([2, 3]).toContain(r.code);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('one process per gateway state file (the real binary)', () => {
  it('refuses a second gateway serve on a state file in use, naming the pid and the file; takes over the lock of a killed one', async () => {
    const dir = home();
    const first = await serve(['--json', '--state', 'gw.json'], dir);
    const second = await runCli(['gateway', 'serve', '--json', '--state', 'gw.json'], { cwd: dir });
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`the gateway state file ${join(dir, 'gw.json')} is in use by another process (pid ${first.child.pid})`);
    expect(second.stdout).toBe('');

    first.child.kill('SIGKILL');
    await first.exit;
    expect(existsSync(join(dir, 'gw.json.lock'))).toBe(true);
    const third = await serve(['--json', '--state', 'gw.json'], dir);
    expect(JSON.parse(third.firstLine).alipayPublicKey).toBe(JSON.parse(first.firstLine).alipayPublicKey);
    third.child.kill('SIGTERM');
    expect((await third.exit).code).toBe(0);
    expect(existsSync(join(dir, 'gw.json.lock'))).toBe(false);
  });

  it('a symbolic link or a hard link of the state file in use is the same file: exit 2; a --state link is written through and kept', async () => {
    const dir = realpathSync(home());
    symlinkSync('gw.json', join(dir, 'link.json'));
    const first = await serve(['--json', '--state', 'link.json'], dir);
    linkSync(join(dir, 'gw.json'), join(dir, 'hard.json'));
    const viaLink = await runCli(['gateway', 'serve', '--json', '--state', 'link.json'], { cwd: dir });
    expect(viaLink.code).toBe(2);
    expect(viaLink.stderr).toContain(`the gateway state file ${join(dir, 'gw.json')} is in use by another process (pid ${first.child.pid})`);
    const viaHardLink = await runCli(['gateway', 'serve', '--json', '--state', 'hard.json'], { cwd: dir });
    expect(viaHardLink.code).toBe(2);
    expect(viaHardLink.stderr).toContain(`the gateway state file ${join(dir, 'hard.json')} is in use by another gateway under another name (a hard link of it)`);
    first.child.kill('SIGTERM');
    expect((await first.exit).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'gw.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('concurrent card open --gateway local commands take turns: N processes, N cards, each replay its own card', async () => {
    const dir = home();
    const env = { HOME: dir };
    const demo = await runCli(['demo', '--json'], { env });
    expect(demo.code).toBe(0);
    const templateId = (JSON.parse(demo.stdout) as { templateId: string }).templateId;
    const open = (serial: string) => runCli([
      'card', 'open', '--gateway', 'local', '--json', '--template-id', templateId, '--user-id', '2088302463082075', '--out-serial-no', serial,
      '--open-date', '2024-05-01 09:30:00', '--valid-date', '2099-01-01 00:00:00', '--balance', '1.00', '--point', '1', '--level', 'VIP1',
    ], { env, timeoutMs: 60_000 });
    const serials = Array.from({ length: 8 }, (_, i) => `concurrent-${i}`);
    const cardOf = (r: Awaited<ReturnType<typeof open>>) => {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('error') });
      return (JSON.parse(r.stdout) as { card_info: { biz_card_no: string } }).card_info.biz_card_no;
    };
    const issued = (await Promise.all(serials.map(open))).map(cardOf);

    const statePath = join(dir, '.local/state/alipay-card/in-process/gateway.json');
    const stored = (JSON.parse(readFileSync(statePath, 'utf8')) as { cards: Array<{ out_serial_no: string; biz_card_no: string }> }).cards;
    const bySerial = new Map(stored.map((c) => [c.out_serial_no, c.biz_card_no]));
    expect(serials.map((s) => bySerial.get(s))).toEqual(issued);
    expect(new Set(issued).size).toBe(serials.length);

    const replayed = (await Promise.all(serials.map(open))).map(cardOf);
    expect(replayed).toEqual(issued);
    expect((JSON.parse(readFileSync(statePath, 'utf8')) as { cards: unknown[] }).cards).toHaveLength(stored.length);
    expect(existsSync(`${statePath}.lock`)).toBe(false);
  }, 120_000);
});

describe('gateway serve stops promptly (the real binary)', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s with a half-sent request and an idle keep-alive connection open', async (signal) => {
    const dir = home();
    const served = await serve(['--json', '--state', 'gw.json'], dir);
    const info = JSON.parse(served.firstLine) as { url: string };
    const { port } = new URL(info.url);
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(info.url.replace('/gateway.do', '/_local/cards'), { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    const halfSent = connect(Number(port), '127.0.0.1');
    halfSent.on('error', () => undefined);
    halfSent.write('POST /gateway.do HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    served.child.kill(signal);
    expect(await served.exit).toEqual({ code: 0, signal: null });
    // The grace for requests in progress is 2 s; the keep-alive timeout (10 s) is not waited out.
    expect(Date.now() - started).toBeLessThan(6000);
    expect(served.stderr()).toContain('state written to');
    halfSent.destroy();
    agent.destroy();
  });
});

/** The spawned gateway runs on the real clock, so requests carry the real time (in Beijing). */
function localTimestamp(): string {
  return formatTimestamp(new Date());
}

describe("the in-process gateway's state directory (the real binary)", () => {
  // A state directory that cannot be made: XDG_STATE_HOME under a regular file (ENOTDIR), and, where
  // a tmpfs can be mounted (root), a read-only file system as HOME (EROFS).
  function readOnlyHome(): string | undefined {
    if (process.getuid?.() !== 0) return undefined;
    const dir = mkdtempSync(join(tmpdir(), 'alipay-card-ro-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir], { stdio: 'pipe' });
      return dir;
    } catch {
      return undefined;
    }
  }

  it('demo and --gateway local with a state directory that cannot be written: exit 2 naming it and why, with what to do — not an internal error', async () => {
    const dir = home();
    writeFileSync(join(dir, 'afile'), '');
    const env = { HOME: dir, XDG_STATE_HOME: join(dir, 'afile', 'state') };
    for (const args of [['demo'], ['--gateway', 'local', 'card', 'query', '123']]) {
      const run = await runCli(args, { env });
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toContain(`error: cannot write in the state directory ${join(dir, 'afile', 'state', 'alipay-card', 'local-app')}: a part of the path is not a directory (ENOTDIR)`);
      expect(run.stderr).toContain('hint: set XDG_STATE_HOME to a directory you can write in');
      expect(run.stderr).not.toContain('internal error');
    }
    const readOnly = readOnlyHome();
    if (readOnly === undefined) return;
    try {
      const run = await runCli(['demo'], { env: { HOME: readOnly } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`error: cannot write in the state directory ${join(readOnly, '.local/state/alipay-card/local-app')}: a read-only file system (EROFS)`);
    } finally {
      execFileSync('umount', [readOnly]);
    }
  });

  it('a damaged in-process state file: the hint names the file to move away, not a --state that demo and --gateway local do not have', async () => {
    const dir = home();
    const state = join(dir, '.local/state/alipay-card/in-process/gateway.json');
    mkdirSync(dirname(state), { recursive: true });
    for (const [content, problem] of [['{ not json', 'is not valid JSON'], ['{"version": 1, "cards": [null]}', 'is damaged']] as const) {
      writeFileSync(state, content);
      for (const args of [['demo'], ['--gateway', 'local', 'card', 'query', '123']]) {
        const run = await runCli(args, { env: { HOME: dir } });
        expect(run.code).toBe(3);
        expect(run.stderr).toContain(`the gateway state file ${state} ${problem}`);
        expect(run.stderr).toMatch(new RegExp(`hint: (mend that entry or )?move ${state.replace(/[.]/g, '\\.')} away to start with an empty gateway`));
        expect(run.stderr).not.toContain('--state');
      }
    }
  });
});
