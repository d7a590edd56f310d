import { formatTimestamp } from '../../protocol/index.js';
import type { ResponseNode } from '../codes.js';
import type { UploadedPart } from '../multipart.js';
import type { GatewayStore } from '../store.js';

/** One authenticated method call: whose, what (biz_content parsed), and what varies (clock, randomness). */
export interface MethodCall {
  appId: string;
  /** biz_content, parsed; undefined for an upload, which has none. */
  biz: unknown;
  /** Every request param (protocol and text params), as the gateway verified them. */
  params: Readonly<Record<string, string>>;
  /** A multipart upload's file parts, by field name. */
  files: ReadonlyMap<string, UploadedPart>;
  now: Date;
  random: () => number;
  store: GatewayStore;
}

/** Synchronous on purpose: nothing can run between a lookup and the insert that depends on it. */
export type MethodHandler = (call: MethodCall) => ResponseNode;

export function randomDigits(random: () => number, count: number): string {
  let digits = '';
  for (let i = 0; i < count; i++) digits += Math.floor(random() * 10) % 10;
  return digits;
}

/**
 * A fresh id that `taken` does not know, or undefined after many collisions (a random source
 * stuck on one value, or a suffix space used up): the caller answers SYSTEM_ERROR then.
 */
export function uniqueId(make: () => string, taken: (id: string) => boolean): string | undefined {
  for (let attempt = 0; attempt < 64; attempt++) {
    const id = make();
    if (!taken(id)) return id;
  }
  return undefined;
}

/** 'yyyyMMdd' of `now` in Beijing time, as Alipay's ids start. */
export function dayStamp(now: Date): string {
  return formatTimestamp(now).slice(0, 10).replaceAll('-', '');
}
