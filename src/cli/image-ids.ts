import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KEY_FILE_MAX_BYTES } from '../config/read-capped.js';
import { replaceFile } from '../config/replace-file.js';
import type { Context } from './context.js';
import { stateDir } from './local-app.js';

/**
 * The image ids this user's uploads got, by the image's SHA-256, per gateway and app: a template
 * file naming `./logo.png` in every environment uploads it once per environment, not once per
 * `template create`. Kept in the state directory (`image-ids.json`); a damaged file is started again.
 */
export class ImageIds {
  private data: Record<string, Record<string, string>>;

  private constructor(readonly path: string, private readonly scope: string) {
    this.data = read(path);
  }

  static for(ctx: Context, gatewayUrl: string, appId: string): ImageIds {
    return new ImageIds(join(stateDir(ctx), 'image-ids.json'), `${gatewayUrl} ${appId}`);
  }

  get(sha256: string): string | undefined {
    return this.data[this.scope]?.[sha256];
  }

  async set(sha256: string, imageId: string): Promise<void> {
    // Read again first: another run may have added its own since.
    this.data = read(this.path);
    (this.data[this.scope] ??= {})[sha256] = imageId;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    await replaceFile(this.path, JSON.stringify(this.data, null, 1) + '\n', 0o600);
  }
}

function read(path: string): Record<string, Record<string, string>> {
  try {
    const text = readFileSync(path, 'utf8');
    if (text.length > 64 * KEY_FILE_MAX_BYTES) return {};
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, Record<string, string>>) : {};
  } catch {
    return {};
  }
}
