import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DescriptorOutput, mayBeTerminal, outputFor, standardOutput } from '../../../src/cli/output.js';

/** A Writable standing in for Node's process.stdout: how often it was asked for, what reached it. */
function nodeStream(): { get: () => Writable; built: () => number; text: () => string } {
  const chunks: Buffer[] = [];
  let built = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return {
    get: () => {
      built++;
      return stream;
    },
    built: () => built,
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

describe('outputFor / DescriptorOutput: stdout and stderr written with write(2)', () => {
  let dir: string;
  const open: number[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alipay-card-output-'));
  });
  afterEach(() => {
    for (const fd of open.splice(0)) closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });
  const fifo = () => {
    const path = join(dir, 'fifo');
    execFileSync('mkfifo', [path]);
    // Read end first (non-blocking, or the open waits for a writer), then the write end.
    const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    open.push(reader, writer);
    return { reader, writer };
  };
  const drain = (fd: number): string => {
    const out: Buffer[] = [];
    const buf = Buffer.alloc(65536);
    for (;;) {
      let n = 0;
      try {
        n = readSync(fd, buf);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
        throw err;
      }
      if (n === 0) break;
      out.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(out).toString('utf8');
  };

  it('a file gets the bytes of strings (in their encoding) and buffers, in order; callbacks run after, with no error', async () => {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    open.push(fd);
    const fake = nodeStream();
    const out = outputFor(fd, fake.get);
    expect(out).toBeInstanceOf(DescriptorOutput);
    expect(out.isTTY).toBe(false);
    const calls: unknown[] = [];
    expect(out.write('卡 one\n', (err) => calls.push(err))).toBe(true);
    out.write(Buffer.from('two\n'));
    out.write('74687265650a', 'hex');
    expect(calls).toEqual([]);
    await new Promise<void>((resolve) => out.end('four\n', () => resolve()));
    expect(calls).toEqual([null]);
    expect(readFileSync(path, 'utf8')).toBe('卡 one\ntwo\nthree\nfour\n');
    expect(fake.built()).toBe(0);
  });

  it('a pipe is written the same way', () => {
    const { reader, writer } = fifo();
    const out = outputFor(writer, () => {
      throw new Error('not wanted');
    });
    out.write('{"ok":true}\n');
    expect(drain(reader)).toBe('{"ok":true}\n');
  });

  it('may be a terminal only when it is a character device other than /dev/null (node:tty says the rest)', () => {
    const { reader } = fifo();
    const file = openSync(join(dir, 'f'), 'w');
    const devNull = openSync('/dev/null', 'r');
    const zero = openSync('/dev/zero', 'r');
    open.push(file, devNull, zero);
    expect([mayBeTerminal(reader), mayBeTerminal(file), mayBeTerminal(devNull), mayBeTerminal(zero), mayBeTerminal(1_000_000)]).toEqual([false, false, false, true, false]);
  });

  it('/dev/null is written the same way', () => {
    const devNull = openSync('/dev/null', 'w');
    open.push(devNull);
    const fake = nodeStream();
    const out = outputFor(devNull, fake.get);
    expect(out).toBeInstanceOf(DescriptorOutput);
    expect(out.write('gone\n')).toBe(true);
    expect(fake.built()).toBe(0);
  });

  it('a descriptor that is none of these (a terminal, another device), or any descriptor on Windows, gets Node\'s stream, built when first used', () => {
    const fake = nodeStream();
    const zero = openSync('/dev/zero', 'w');
    open.push(zero);
    const out = outputFor(zero, fake.get);
    // Nothing written: nothing built (a run that writes nothing to stderr loads no stream).
    expect(fake.built()).toBe(0);
    expect(out.write('one\n')).toBe(true);
    expect(fake.built()).toBe(1);
    expect(out).toBeInstanceOf(Writable);
    const heard: string[] = [];
    const listener = (err: Error) => heard.push(err.message);
    out.on('error', listener);
    expect(out.listenerCount('error')).toBe(1);
    out.emit('error', new Error('told'));
    out.off('error', listener);
    expect(out.listenerCount('error')).toBe(0);
    expect(heard).toEqual(['told']);
    out.write('two\n');
    expect([fake.built(), fake.text()]).toEqual([1, 'one\ntwo\n']);

    const path = join(dir, 'out.txt');
    const file = openSync(path, 'w');
    open.push(file);
    const windows = outputFor(file, fake.get, 'win32');
    expect(fake.built()).toBe(1);
    windows.write('three\n');
    expect([fake.built(), fake.text(), readFileSync(path, 'utf8')]).toEqual([2, 'one\ntwo\nthree\n', '']);
  });

  it('a full non-blocking pipe (EAGAIN) hands the rest to Node\'s stream, and every later write: no byte lost, the order kept', () => {
    const { reader, writer } = fifo();
    const fake = nodeStream();
    // A budget larger than the write: the pipe, not the budget, is what stops write(2) here.
    const out = outputFor(writer, fake.get, process.platform, 1024 * 1024);
    const big = 'x'.repeat(256 * 1024);
    out.write(big);
    out.write('after\n');
    expect(fake.built()).toBe(1);
    const direct = drain(reader);
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.length).toBeLessThan(big.length);
    expect(direct + fake.text()).toBe(big + 'after\n');
  });

  it('past its budget, Node\'s stream takes over: the order kept, and its drain, close and destroyed are the output\'s', async () => {
    const path = join(dir, 'out.txt');
    const fd = openSync(path, 'w');
    open.push(fd);
    const chunks: string[] = [];
    let finish: () => void = () => {};
    const slow = new Writable({
      highWaterMark: 4,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        finish = () => done();
      },
    });
    const out = outputFor(fd, () => slow, process.platform, 10);
    expect(out.write('12345')).toBe(true);
    expect(out.write('67890')).toBe(true);
    expect(out.write('abcdef')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('1234567890');
    expect(chunks).toEqual(['abcdef']);
    expect(out.writableNeedDrain).toBe(true);
    const drained = new Promise((resolve) => out.once('drain', resolve));
    finish();
    await drained;
    const closed = new Promise((resolve) => out.once('close', resolve));
    slow.destroy();
    await closed;
    expect(out.destroyed).toBe(true);
  });

  it('the commands that run long write through Node\'s streams from the start; the others get write(2)', () => {
    expect(standardOutput(1, ['card', 'batch', 'members.csv'])).toBe(process.stdout);
    expect(standardOutput(2, ['-c', 'rc.json', 'gateway', 'serve'])).toBe(process.stderr);
    expect(standardOutput(1, ['--json', 'member', 'serve', '--template-id', '1'])).toBe(process.stdout);
  });

  it('a reader that left (EPIPE): one error event with the code, a close, the callback told; later writes do nothing', async () => {
    const { reader, writer } = fifo();
    closeSync(reader);
    open.splice(open.indexOf(reader), 1);
    const out = outputFor(writer, () => {
      throw new Error('not wanted');
    });
    const errors: NodeJS.ErrnoException[] = [];
    let closed = 0;
    out.on('error', (err: NodeJS.ErrnoException) => errors.push(err));
    out.on('close', () => closed++);
    const told = await new Promise<Error | null | undefined>((resolve) => out.write('lost\n', resolve));
    expect((told as NodeJS.ErrnoException).code).toBe('EPIPE');
    expect(errors.map((err) => err.code)).toEqual(['EPIPE']);
    expect(closed).toBe(1);
    expect(out.destroyed).toBe(true);
    const later = await new Promise<Error | null | undefined>((resolve) => out.write('also lost\n', resolve));
    expect((later as NodeJS.ErrnoException).code).toBe('ERR_STREAM_DESTROYED');
    expect(errors).toHaveLength(1);
  });
});
