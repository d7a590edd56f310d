import { spawn, execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binPath, cleanEnv, projectWithConfig, vectorsDir } from './cli.js';

/**
 * What the binary writes reaches its reader whole whatever stdout is (src/cli/output.ts writes
 * pipes, sockets and files with write(2)): a file, a non-blocking pipe read late, a reader gone.
 */

const privateKey = readFileSync(join(vectorsDir, 'app-private-key.pem'), 'utf8');
const alipayKey = readFileSync(join(vectorsDir, 'alipay-public-key.pem'), 'utf8');
// 300 KB of biz_content: sign --json prints it three times (string to sign, params, URL-encoded body),
// far more than a pipe holds (64 KB on Linux).
const big = JSON.stringify({ template_id: '20170308000000000058101000300045', note: 'x'.repeat(300_000) });

function project(): string {
  const dir = projectWithConfig(
    { profiles: { test: { appId: '2021000000000000', gateway: 'sandbox', privateKeyFile: 'app.pem', alipayPublicKeyFile: 'alipay.pem' } } },
    { 'app.pem': privateKey, 'alipay.pem': alipayKey },
  );
  writeFileSync(join(dir, 'biz.json'), big);
  return dir;
}

const signArgs = ['sign', '--method', 'alipay.marketing.card.template.query', '--biz', '@biz.json', '--timestamp', '2024-05-01 09:30:00', '--json'];

/** The biz_content sign --json printed (compared, not printed: 300 KB in a failure message helps no one). */
function bizContentOf(stdout: string): string | undefined {
  try {
    return (JSON.parse(stdout) as { params?: { biz_content?: string } }).params?.biz_content;
  } catch {
    return `not JSON: ${stdout.length} bytes`;
  }
}

/** Runs the binary with `stdout` as given (a descriptor), stderr collected; resolves with the exit. */
function runWith(stdout: number, cwd: string): { exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [binPath, ...signArgs], { cwd, env: cleanEnv(), stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return { exited: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) };
}

describe('stdout of every kind gets the whole output', () => {
  it('a file (`> out.json`)', async () => {
    const cwd = project();
    const fd = openSync(join(cwd, 'out.json'), 'w');
    const { exited } = runWith(fd, cwd);
    closeSync(fd);
    const { code, stderr } = await exited;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(bizContentOf(readFileSync(join(cwd, 'out.json'), 'utf8')) === big).toBe(true);
  });

  it('a non-blocking pipe whose reader starts late (a parent that shares its own pipe): no byte lost, exit 0', async () => {
    const cwd = project();
    const fifo = join(mkdtempSync(join(tmpdir(), 'alipay-card-fifo-')), 'out');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const { exited } = runWith(writer, cwd);
    closeSync(writer);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(65536);
    let done = false;
    void exited.then(() => (done = true));
    for (;;) {
      let n: number;
      try {
        n = readSync(reader, buf);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        await new Promise((resolve) => setTimeout(resolve, done ? 0 : 10));
        continue;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    closeSync(reader);
    const { code, stderr } = await exited;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(bizContentOf(Buffer.concat(chunks).toString('utf8')) === big).toBe(true);
  });

  it('a pipe whose reader has gone (`| head -c 10` done): exit 0, nothing on stderr', async () => {
    const cwd = project();
    const fifo = join(mkdtempSync(join(tmpdir(), 'alipay-card-fifo-')), 'out');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY);
    closeSync(reader);
    const { exited } = runWith(writer, cwd);
    closeSync(writer);
    expect(await exited).toEqual({ code: 0, stderr: '' });
  });
});
