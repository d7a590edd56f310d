import type { IncomingMessage, ServerResponse } from 'node:http';

/** The gateway's limit for one request body. */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A multipart upload's: a 5 MB image (alipay.offline.material.image.upload's limit), its fields and boundaries. */
export const MAX_UPLOAD_BODY_BYTES = 6 * 1024 * 1024;

/**
 * Bytes of request bodies being read, over all requests to one server. A body is read in
 * milliseconds on loopback, so only clients that stall mid-body add up to `limit`; past it the
 * requests holding most are cut (without it 500 bodies stalled 1 byte short of 1 MB held 500 MB).
 */
export class BodyBudget {
  private readonly held = new Map<IncomingMessage, number>();
  private total = 0;

  constructor(private readonly limit: number) {}

  add(req: IncomingMessage, bytes: number): void {
    this.held.set(req, (this.held.get(req) ?? 0) + bytes);
    this.total += bytes;
    if (this.total <= this.limit) return;
    for (const [holder] of [...this.held].sort((a, b) => b[1] - a[1])) {
      if (this.total <= this.limit) break;
      this.release(holder);
      holder.socket.destroy();
    }
  }

  release(req: IncomingMessage): void {
    const bytes = this.held.get(req);
    if (bytes === undefined) return;
    this.held.delete(req);
    this.total -= bytes;
  }
}

// Past the limit the rest is still read (and dropped) so the client, which may still be sending,
// gets to read our answer; past this much more the connection is cut instead.
const DRAIN_FACTOR = 16;

export type BodyResult =
  | { kind: 'complete'; body: Buffer }
  | { kind: 'too-large'; drained: boolean }
  | { kind: 'aborted' };

/** Reads a request body, keeping at most `limit` bytes of it in memory, and what `budget` allows. */
export function readBody(req: IncomingMessage, budget: BodyBudget, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const DRAIN_BYTES = DRAIN_FACTOR * limit;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DRAIN_BYTES) return Promise.resolve({ kind: 'too-large', drained: false });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      budget.release(req);
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        budget.add(req, chunk.length);
      } else {
        chunks.length = 0;
        budget.release(req);
        if (size > DRAIN_BYTES) {
          req.pause();
          settle({ kind: 'too-large', drained: false });
        }
      }
    });
    req.on('end', () => settle(size > limit ? { kind: 'too-large', drained: true } : { kind: 'complete', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}

export function send(res: ServerResponse, status: number, contentType: string, body: Buffer | string, close = false): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const headers: Record<string, string | number> = { 'content-type': contentType, 'content-length': bytes.length };
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(bytes);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json;charset=utf-8', JSON.stringify(value));
}
