import { isJsonObject } from './fields.js';
import { IMAGE_ID } from './image-id.js';
import type { ImagePurpose } from './image.js';
import { createRequestOf } from './template-request.js';

/**
 * The members of a template.create (or modify) request that hold an image id from
 * alipay.offline.material.image.upload (the create reference): paths with `[]` for each item of a list.
 */
export const IMAGE_ID_FIELDS: ReadonlyArray<{ path: string; purpose?: ImagePurpose }> = [
  { path: 'template_style_info.logo_id', purpose: 'logo' },
  { path: 'template_style_info.background_id', purpose: 'background' },
  { path: 'template_style_info.slogan_img_id' },
  { path: 'template_style_info.banner_img_id' },
  { path: 'column_info_list[].icon_id' },
  { path: 'card_level_conf[].level_icon' },
  { path: 'open_card_conf.card_rights[].logo_id' },
];

export { IMAGE_ID } from './image-id.js';

export interface ImageReference {
  /** Where it is, as problems name it: `template_style_info.logo_id`, `column_info_list[2].icon_id`. */
  path: string;
  /** The file, as written in the template file. */
  file: string;
  purpose?: ImagePurpose | undefined;
}

/**
 * Every image-id member of `biz` whose value is a local file path, in the order of IMAGE_ID_FIELDS:
 * a value that names a file (`isFile`, relative to the template file) whatever it looks like, and a
 * value that cannot be an image id (IMAGE_ID) — `logos/brand logo.webp`, `logo.png ` — which the
 * caller then reports as no such file: sent as an id, it would be stored as the template's logo.
 * A blank value is the checks' (required), not a file.
 */
export function localImageReferences(biz: Record<string, unknown>, isFile: (value: string) => boolean = () => false): ImageReference[] {
  const found: ImageReference[] = [];
  for (const field of IMAGE_ID_FIELDS) {
    for (const { path, value } of valuesAt(biz, field.path)) {
      if (typeof value !== 'string' || value.trim() === '') continue;
      if (isFile(value) || !IMAGE_ID.test(value)) found.push({ path, file: value, purpose: field.purpose });
    }
  }
  return found;
}

/** Every image-id member `biz` (a request, card_level_conf) gives a non-empty string, with its concrete path. */
export function imageIdValues(biz: Record<string, unknown>): Array<{ path: string; value: string }> {
  return IMAGE_ID_FIELDS.flatMap((field) => valuesAt(biz, field.path)).flatMap(({ path, value }) => (typeof value === 'string' && value !== '' ? [{ path, value }] : []));
}

/**
 * Every image id a template holds, once each, in the order of IMAGE_ID_FIELDS: of a request
 * (`card_level_conf`) or of a template.query answer (`card_level_confs`), read in the request's
 * shape (createRequestOf).
 */
export function imageIds(template: Record<string, unknown>): string[] {
  const request = createRequestOf(template);
  const ids = new Set<string>();
  for (const field of IMAGE_ID_FIELDS) {
    for (const { value } of valuesAt(request, field.path)) if (typeof value === 'string' && value !== '') ids.add(value);
  }
  return [...ids];
}

/** Sets the member at a concrete path (`column_info_list[2].icon_id`) of `biz`, in place. */
export function replaceAt(biz: Record<string, unknown>, path: string, value: string): void {
  const keys = path.split('.').flatMap((part) => {
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    return m ? [m[1]!, Number(m[2])] : [part];
  });
  let node: unknown = biz;
  for (const key of keys.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  (node as Record<string | number, unknown>)[keys[keys.length - 1]!] = value;
}

function valuesAt(node: unknown, pattern: string, prefix = ''): Array<{ path: string; value: unknown }> {
  const dot = pattern.indexOf('.');
  const head = dot === -1 ? pattern : pattern.slice(0, dot);
  const rest = dot === -1 ? '' : pattern.slice(dot + 1);
  if (!isJsonObject(node)) return [];
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const at = prefix === '' ? key : `${prefix}.${key}`;
  const value = node[key];
  if (!list) return rest === '' ? [{ path: at, value }] : valuesAt(value, rest, at);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) => (rest === '' ? [{ path: `${at}[${i}]`, value: item }] : valuesAt(item, rest, `${at}[${i}]`)));
}
