import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';

export interface InputSource {
  kind: 'inline' | 'file' | 'stdin';
  /** For messages: the flag and, for files, the path. */
  label: string;
}

/**
 * Reads a flag value of the form `<text|@file|->` (curl's convention): `@path` reads a file,
 * `-` reads stdin, anything else is the text itself. Bytes are returned so the caller decides the
 * charset; most callers want `readTextArgument`.
 */
export async function readArgumentBytes(
  flag: string,
  value: string,
  io: { cwd: string; stdin: Readable & { isTTY?: boolean } },
): Promise<{ bytes: Buffer; source: InputSource }> {
  if (value === '-') {
    if (io.stdin.isTTY) {
      throw new UsageError(`${flag} -: stdin is a terminal, not a pipe`, {
        hint: `pipe the input in (e.g. \`cat file | alipay-card ... ${flag} -\`) or use ${flag} @file`,
      });
    }
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return { bytes: Buffer.concat(chunks), source: { kind: 'stdin', label: `${flag} (stdin)` } };
  }
  if (value.startsWith('@')) {
    const path = resolve(io.cwd, value.slice(1));
    try {
      return { bytes: await readFile(path), source: { kind: 'file', label: `${flag} ${value.slice(1)}` } };
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      throw new UsageError(`${flag}: cannot read ${value.slice(1)}: ${reason}`);
    }
  }
  return { bytes: Buffer.from(value, 'utf8'), source: { kind: 'inline', label: flag } };
}

export async function readTextArgument(
  flag: string,
  value: string,
  io: { cwd: string; stdin: Readable & { isTTY?: boolean } },
): Promise<{ text: string; source: InputSource }> {
  const { bytes, source } = await readArgumentBytes(flag, value, io);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A file or a pipe almost always ends with one newline that is not part of the content.
  if (source.kind !== 'inline') text = text.replace(/\r?\n$/, '');
  return { text, source };
}

/** Parses JSON for a flag, naming the flag and where the syntax broke. */
export function parseJsonArgument(text: string, source: InputSource): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source.label}: invalid JSON: ${(err as Error).message}`, {
      hint: `pass a JSON object, e.g. --biz '{"template_id":"20170308000000000058101000300045"}', or --biz @file.json`,
    });
  }
}

/** `key=value` pairs from a repeatable flag; the value may itself contain '='. */
export function parseKeyValue(flag: string, item: string): [string, string] {
  const eq = item.indexOf('=');
  if (eq <= 0) {
    throw new UsageError(`${flag} ${item}: expected key=value`, { hint: `e.g. ${flag} notify_url=https://example.com/notify` });
  }
  return [item.slice(0, eq), item.slice(eq + 1)];
}
