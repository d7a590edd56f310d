// stdout and stderr of a run. Node builds process.stdout on first use: for a pipe or a socket that
// is node:net, a socket handle and the stream machinery (valgrind, Node 20, `--help` into a pipe:
// 11M instructions, a sixth of what it runs beyond bare node). A short command's few lines into a
// pipe, a socket or a file go out with write(2) instead, as Node writes a file (SyncWriteStream).
//
// write(2) blocks while a pipe is full, where Node's stream writes a pipe asynchronously and the
// event loop goes on (timers, Ctrl-C's handler, a server's requests). So write(2) is used only
// within a budget a pipe holds whatever its reader does (Linux gives a pipe 64 KiB, macOS 16 KiB),
// and not at all by the commands that run long (card batch, gateway serve, member serve): past
// the budget, Node's stream takes over.
import { EventEmitter } from 'node:events';
import { fstatSync, statSync, writeSync, type Stats } from 'node:fs';
import type { Writable } from 'node:stream';
import { commandWordAt } from './command-word.js';

type Callback = (err?: Error | null) => void;
type Output = Writable & { isTTY?: boolean };

/** Bytes written with write(2) before Node's stream takes over. */
export const SYNC_BUDGET = 16 * 1024;

/** Commands that run on while they write: their output goes through Node's streams from the start. */
const LONG_RUNNING = new Set(['card batch', 'gateway serve', 'member serve']);

/**
 * A descriptor written with write(2), with as much of a Writable as commands use: write (a
 * callback after), 'error' (EPIPE when the reader left, as Node's stream emits it) and 'close',
 * destroyed, end. Past the budget, or when the descriptor would block (EAGAIN: non-blocking, a
 * pipe a parent shares), Node's stream takes the rest and every later write, so the order holds;
 * its events ('drain', 'close', 'error') are this object's then.
 */
export class DescriptorOutput extends EventEmitter {
  readonly isTTY = false;
  #destroyed = false;
  #written = 0;
  #stream: Writable | undefined;

  constructor(
    readonly fd: number,
    /** Node's own stream for this descriptor, built only if write(2) cannot do. */
    private readonly nodeStream: () => Writable,
    private readonly budget = SYNC_BUDGET,
  ) {
    super();
  }

  get destroyed(): boolean {
    return this.#stream ? this.#stream.destroyed : this.#destroyed;
  }

  get writableNeedDrain(): boolean {
    return this.#stream?.writableNeedDrain ?? false;
  }

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | Callback, callback?: Callback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    if (this.#stream) return this.#stream.write(chunk, done);
    if (this.#destroyed) {
      if (done) process.nextTick(done, destroyedError());
      return false;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    if (this.#written + bytes.length > this.budget) return this.#handOver().write(bytes, done);
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return this.#handOver().write(bytes.subarray(offset), done);
      this.#destroyed = true;
      // As Node's stream does, on the next tick: an 'error' nobody listens for (stderr) then ends
      // the run as it always did, not at a moment a promise's rejection happens to be seen.
      process.nextTick(() => {
        this.emit('error', err);
        this.emit('close');
      });
      if (done) process.nextTick(done, err as Error);
      return false;
    } finally {
      this.#written += offset;
    }
    if (done) later(() => done(null));
    return true;
  }

  end(chunk?: string | Uint8Array | Callback, callback?: Callback): this {
    const done = typeof chunk === 'function' ? chunk : callback;
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
    if (done) later(() => done(null));
    return this;
  }

  #handOver(): Writable {
    const stream = this.nodeStream();
    this.#stream = stream;
    // Whoever listens on this object (card batch waits for 'drain' or 'close'; main for EPIPE) hears the stream.
    for (const event of ['drain', 'close', 'error'] as const) stream.on(event, (...args: unknown[]) => this.emit(event, ...args));
    return stream;
  }
}

/**
 * Runs `fn` after the current call, as a stream calls back (a write's callback; a failed write's
 * error goes through process.nextTick, as Node's does): a promise's reaction, which V8 queues
 * itself. process.nextTick's queue and Node's queueMicrotask (an AsyncResource) are Node's
 * JavaScript, which bare node never runs: `sign`'s one callback compiled twenty functions of it
 * (Node 20, --log-function-events).
 */
function later(fn: () => void): void {
  void Promise.resolve().then(fn);
}

function destroyedError(): Error {
  return Object.assign(new Error('write after the reader closed the output'), { code: 'ERR_STREAM_DESTROYED' });
}

/**
 * stdout (1) or stderr (2) for a run of `args`: write(2) on a pipe, a socket or a file, within the
 * budget, for a command that does not run long (not on Windows, whose pipes Node writes
 * asynchronously), and /dev/null; Node's own stream otherwise (a terminal), built when first used.
 */
export function standardOutput(fd: 1 | 2, args: readonly string[]): Output {
  const nodeStream = () => (fd === 1 ? process.stdout : process.stderr);
  const at = commandWordAt(args);
  if (LONG_RUNNING.has(args.slice(at, at + 2).join(' '))) return nodeStream();
  return outputFor(fd, nodeStream);
}

/** outputFor(fd, nodeStream): what standardOutput gives for a descriptor (tests pass their own). */
export function outputFor(fd: number, nodeStream: () => Writable, platform: NodeJS.Platform = process.platform, budget = SYNC_BUDGET): Output {
  if (platform !== 'win32') {
    try {
      const stat = fstatSync(fd);
      if (stat.isFIFO() || stat.isSocket() || stat.isFile() || isNullDevice(stat)) return new DescriptorOutput(fd, nodeStream, budget) as unknown as Output;
    } catch {
      // A closed descriptor: Node's stream says so its own way.
    }
  }
  return whenUsed(nodeStream);
}

const UNUSED = Symbol('unused');

/**
 * Resolves once what was written to `output` has gone out (process.exit does not wait for Node's
 * streams), at once for one the run never used.
 */
export function flushed(output: Writable): Promise<void> {
  if ((output as { [UNUSED]?: boolean })[UNUSED] === true) return Promise.resolve();
  return new Promise<void>((resolve) => output.write('', () => resolve()));
}

/**
 * Whether descriptor `fd` may be a terminal: a character device other than /dev/null. Asked before
 * node:tty's isatty, which loads node:net and the stream machinery (valgrind, Node 20: 10M
 * instructions of every `card open` that asks whether someone could confirm): stdin from a pipe, a
 * file or /dev/null is known not to be one without it.
 */
export function mayBeTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && !isNullDevice(stat);
  } catch {
    return false;
  }
}

/**
 * /dev/null, where scripts send stderr (`2>/dev/null`): a device Node writes through a stream of
 * node:stream's (SyncWriteStream), whose machinery `card open --dry-run`'s two lines on stderr
 * loaded (valgrind, Node 20: 3.5M instructions, and a scavenge). write(2) there never blocks.
 */
function isNullDevice(stat: Stats): boolean {
  if (!stat.isCharacterDevice()) return false;
  try {
    const devNull = statSync('/dev/null');
    return devNull.isCharacterDevice() && devNull.rdev === stat.rdev;
  } catch {
    return false;
  }
}

/**
 * Node's stream, built when the run first touches it (a write, a listener, isTTY): most runs write
 * nothing to stderr, and Node's stream for a terminal or a device loads the stream machinery (Node
 * 20, `sign`: 25 functions of node:stream's compiled for nothing). Its methods are called on the
 * stream itself.
 */
function whenUsed(nodeStream: () => Writable): Output {
  let stream: Writable | undefined;
  const built = (): Writable => (stream ??= nodeStream());
  return new Proxy({} as Output, {
    get(_target, key) {
      if (key === UNUSED) return stream === undefined;
      const target = built();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(built(), key, value),
    has: (_target, key) => Reflect.has(built(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
  });
}
