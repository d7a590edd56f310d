// stdout and stderr of a run. Node builds process.stdout on first use: for a pipe or a socket that
// is node:net, a socket handle and the stream machinery (valgrind, Node 20, after node:crypto:
// 10M instructions, a tenth of what `sign` runs beyond bare node). When the descriptor is a pipe,
// a socket or a file, a command's few writes go to it with write(2) instead, as Node itself does
// for a file (SyncWriteStream) and, on Linux and macOS, for a pipe (a blocking one): the same
// order, the same bytes. A terminal, and anything else, gets Node's own stream.
import { EventEmitter } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';

type Callback = (err?: Error | null) => void;

/**
 * A descriptor written with write(2), with as much of a Writable as commands use: write (a
 * callback after), 'error' (EPIPE when the reader left, as Node's stream emits it), destroyed, end.
 * A non-blocking descriptor (EAGAIN: a pipe a parent shares with Node) hands the rest to Node's
 * stream, which makes it blocking; every later write goes there too, so the order holds.
 */
export class DescriptorOutput extends EventEmitter {
  readonly isTTY = false;
  destroyed = false;
  writableNeedDrain = false;
  #stream: Writable | undefined;

  constructor(
    readonly fd: number,
    /** Node's own stream for this descriptor, built only if write(2) cannot do. */
    private readonly nodeStream: () => Writable,
  ) {
    super();
  }

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | Callback, callback?: Callback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (this.#stream) return this.#stream.write(chunk, done);
    if (this.destroyed) {
      if (done) process.nextTick(done, this.#destroyedError());
      return false;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return this.#handOver().write(bytes.subarray(offset), done);
      this.destroyed = true;
      process.nextTick(() => {
        this.emit('error', err);
        this.emit('close');
      });
      if (done) process.nextTick(done, err as Error);
      return false;
    }
    if (done) process.nextTick(done, null);
    return true;
  }

  end(chunk?: string | Uint8Array | Callback, callback?: Callback): this {
    const done = typeof chunk === 'function' ? chunk : callback;
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
    if (done) process.nextTick(done, null);
    return this;
  }

  #handOver(): Writable {
    const stream = this.nodeStream();
    this.#stream = stream;
    // Listeners on this object now hear the stream's errors (EPIPE) too.
    stream.on('error', (err) => this.emit('error', err));
    return stream;
  }

  #destroyedError(): Error {
    return Object.assign(new Error('write after the reader closed the output'), { code: 'ERR_STREAM_DESTROYED' });
  }
}

/**
 * stdout (1) or stderr (2) for a command: write(2) on a pipe, a socket or a file (not on Windows,
 * whose pipes Node writes asynchronously); Node's own stream on a terminal and anything else.
 */
export function standardOutput(fd: 1 | 2): Writable & { isTTY?: boolean } {
  return outputFor(fd, () => (fd === 1 ? process.stdout : process.stderr));
}

/** outputFor(fd, nodeStream): what standardOutput gives for a descriptor (tests pass their own). */
export function outputFor(fd: number, nodeStream: () => Writable, platform: NodeJS.Platform = process.platform): Writable & { isTTY?: boolean } {
  if (platform !== 'win32') {
    try {
      const stat = fstatSync(fd);
      if (stat.isFIFO() || stat.isSocket() || stat.isFile()) return new DescriptorOutput(fd, nodeStream) as unknown as Writable & { isTTY?: boolean };
    } catch {
      // A closed descriptor: Node's stream says so its own way.
    }
  }
  return nodeStream();
}
