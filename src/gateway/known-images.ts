import type { GatewayStore } from './store.js';

/**
 * The image ids in the fixtures of Alipay's references: `1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC` (the
 * template query reference's) and `9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED` (card open's front_image_id).
 * Taken as issued by every local gateway, so the demo, help's examples and a request written from
 * the references work with no upload (our decision).
 */
const SAMPLE_IMAGE_IDS: ReadonlySet<string> = new Set(['1T8Pp00AT7eo9NoAJkMR3AAAACMAAQEC', '9fxnkgt0QFmqKAl5V2BqxQAAACMAAQED']);

/** An image id the app may use: one image upload gave it, or a reference's sample. */
export function isKnownImage(store: GatewayStore, appId: string, imageId: string): boolean {
  return SAMPLE_IMAGE_IDS.has(imageId) || store.image(appId, imageId) !== undefined;
}

/** The sub_msg for an image id at `path` the app may not use (isKnownImage), or undefined. */
export function unknownImageMessage(store: GatewayStore, appId: string, path: string, imageId: unknown): string | undefined {
  if (typeof imageId !== 'string' || imageId === '' || isKnownImage(store, appId, imageId)) return undefined;
  return `参数有误: ${path}: no image ${imageId} uploaded by app ${appId} (alipay.offline.material.image.upload gives the id)`;
}
