import { sniffImage } from '../cards/image.js';
import { isLoopbackHost } from '../client/proxy.js';

/**
 * A local gateway (the in-process one, or `gateway serve` on loopback) serves the images uploaded
 * to it at GET /_local/images/<id>: template preview draws them, and template create and modify
 * check that an image id remembered for it (image-ids.json) is still there — a state file started
 * again under the same name has none of them.
 */

/** The gateway's base when it is a local one (loopback): where GET /_local/images/<id> is. */
export function localBase(gatewayUrl: string): string | undefined {
  try {
    const url = new URL(gatewayUrl);
    if (!isLoopbackHost(url.hostname)) return undefined;
    return `${url.origin}${url.pathname.replace(/\/gateway\.do$/, '')}`;
  } catch {
    return undefined;
  }
}

/** The image's bytes, or undefined when the gateway does not have it (or does not answer). */
export async function fetchLocalImage(base: string, imageId: string): Promise<Buffer | undefined> {
  try {
    const response = await fetch(`${base}/_local/images/${encodeURIComponent(imageId)}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    const bytes = Buffer.from(await response.arrayBuffer());
    return sniffImage(bytes) ? bytes : undefined;
  } catch {
    return undefined;
  }
}
