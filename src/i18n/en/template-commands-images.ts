// `image upload` (and the images template create uploads): reading the image, its type, the result.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  cannotRead: (p: { file: string; reason: string }) => `cannot read ${p.file}: ${p.reason}`,
  noSuchFile: 'no such file',
  isDirectory: 'it is a directory',
  permissionDenied: 'permission denied',
  cannotReadHint: 'give the path of a PNG, JPEG, GIF or BMP image of at most 5 MB',
  tooLarge: (p: { file: string }) => `${p.file} is over 5 MB: alipay.offline.material.image.upload takes images of at most 5242880 bytes`,
  tooLargeHint: 'make it smaller (a logo at most 1 MB, a background at most 2 MB)',
  wrongType: (p: { type: string; file: string; format: string }) => `--type ${p.type}: ${p.file} is a ${p.format} image`,
  wrongTypeHint: (p: { format: string }) => `leave --type out (it is taken from the file's bytes), or pass --type ${p.format}`,
  uploaded: (p: { where: string }) => (p.where ? `✓ Image uploaded ${p.where}` : '✓ Image uploaded'),
  /** The label of the row saying which file was uploaded. */
  fileLabel: 'file',
  fileRow: (p: { file: string; format: string; width: number; height: number; bytes: number }) => `${p.file} (${p.format}, ${p.width}×${p.height} px, ${p.bytes} bytes)`,
} satisfies Entries);

export type TemplateCommandsImagesEntries = ReturnType<typeof entries>;
export const templateCommandsImagesText = messages('template-commands-images', entries);
