/**
 * One error class per failure kind, each carrying its exit code (DESIGN section 1) and, where there
 * is one, what the user should do next. Only `src/cli/main.ts` turns them into a process exit.
 * `src/protocol` does not import this file (it stays free of our own modules); it throws
 * `ProtocolError`, which callers translate into one of these for their context.
 */
import { english, type Text } from './i18n/text.js';

export interface CliErrorOptions {
  hint?: Text | string | undefined;
  cause?: unknown;
}

/**
 * `message` and `hint` are English, whatever the language, as every machine reads them (results
 * files, NDJSON, logs); `text` and `hintText` are what a person reads, rendered in their language
 * where the error is reported (src/cli/report.ts).
 */
export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  /** The message as data, for `local()`. */
  readonly text: Text | string;
  /** One line saying what to do about it, printed after the message. */
  readonly hintText: Text | string | undefined;

  constructor(message: Text | string, options: CliErrorOptions = {}) {
    super(english(message), options.cause === undefined ? undefined : { cause: options.cause });
    // Each class says its name too (`name` below): the build minifies class names.
    this.name = new.target.name;
    this.text = message;
    this.hintText = options.hint;
  }

  /** The hint in English. */
  get hint(): string | undefined {
    return this.hintText === undefined ? undefined : english(this.hintText);
  }

  /**
   * This error with another message or hint, for a caller that knows more of the context. A copy
   * rather than a new instance: subclasses take other constructor arguments (HttpStatusError's
   * status), and the class (so the exit code), its fields and the cause must all survive.
   */
  withChange(change: { message?: Text | string; hint?: Text | string | undefined }): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object, Object.getOwnPropertyDescriptors(this)) as this;
    if (change.message !== undefined) {
      Object.defineProperty(copy, 'message', { value: english(change.message), writable: true, configurable: true });
      Object.defineProperty(copy, 'text', { value: change.message, writable: false, enumerable: true, configurable: true });
    }
    if ('hint' in change) Object.defineProperty(copy, 'hintText', { value: change.hint, writable: false, enumerable: true, configurable: true });
    return copy;
  }
}

/** Bad flag, invalid field, missing input in non-interactive mode. */
export class UsageError extends CliError {
  override readonly name: string = 'UsageError';
  readonly exitCode = 2;
}

/** No config, unreadable or malformed key, key/cert mismatch, schema failure, unknown profile. */
export class ConfigError extends CliError {
  override readonly name: string = 'ConfigError';
  readonly exitCode = 3;
}

/**
 * The gateway answered with a non-success code. `failure` (a client GatewayFailure: the node as
 * received and the string we signed) lets --json print the node and lets diagnosis compare strings.
 */
export class GatewayError extends CliError {
  override readonly name: string = 'GatewayError';
  readonly exitCode = 4;
  readonly failure: unknown;

  constructor(message: Text | string, options: CliErrorOptions & { failure?: unknown } = {}) {
    super(message, options);
    this.failure = options.failure;
  }
}

/** A signature did not verify: a response that is not authentic, or `verify` found it invalid. */
export class VerificationError extends CliError {
  override readonly name: string = 'VerificationError';
  readonly exitCode = 5;
}

/** Timeout, refused connection, non-200 HTTP, unparseable body — after retries. */
export class TransportError extends CliError {
  override readonly name: string = 'TransportError';
  readonly exitCode = 6;

  /** Whether another attempt may get past it: network trouble may pass (HttpStatusError narrows it). */
  get retryable(): boolean {
    return true;
  }
}

/** A call on a client that was closed (a batch abandoned with a second Ctrl-C): nothing was sent, and no attempt will be. */
export class ClientClosedError extends TransportError {
  override readonly name: string = 'ClientClosedError';
  override get retryable(): boolean {
    return false;
  }
}

/**
 * The gateway answered with an HTTP status other than 200. Only a 5xx is a server's passing trouble
 * worth another attempt; a 4xx (a wrong URL, a proxy refusing) answers the same every time.
 */
export class HttpStatusError extends TransportError {
  override readonly name: string = 'HttpStatusError';
  readonly status: number;

  constructor(status: number, message: Text | string, options: CliErrorOptions = {}) {
    super(message, options);
    this.status = status;
  }

  override get retryable(): boolean {
    return this.status >= 500;
  }
}

/** A batch finished and some rows failed or were invalid. */
export class BatchFailedError extends CliError {
  override readonly name: string = 'BatchFailedError';
  readonly exitCode = 7;
}

/** SIGINT, or Ctrl-C in a prompt. */
export class InterruptedError extends CliError {
  override readonly name: string = 'InterruptedError';
  readonly exitCode = 130;
}

export const EXIT_CODES = {
  success: 0,
  internal: 1,
  usage: 2,
  config: 3,
  gateway: 4,
  verification: 5,
  transport: 6,
  batchFailed: 7,
  interrupted: 130,
} as const;
