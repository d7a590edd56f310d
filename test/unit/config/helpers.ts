import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const VECTORS = new URL('../../fixtures/vectors/', import.meta.url);

/** A file of the published key pair (test/fixtures/vectors, a copy of ../shared/vectors). */
export function vector(name: string): string {
  return readFileSync(new URL(name, VECTORS), 'utf8');
}

export function vectorPath(name: string): string {
  return new URL(name, VECTORS).pathname;
}

/** A fresh directory under the OS temp dir; tests use it as home so searches stop there. */
export function tempDir(prefix = 'alipay-card-config-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes files (creating folders) under root; mode defaults to 0600 so key files raise no warning. */
export function writeFiles(root: string, files: Record<string, string | object>, mode = 0o600): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    chmodSync(path, mode);
  }
}

/** Runs fn and returns the error it throws (failing the test when it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

export async function rejected(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, none happened');
}
