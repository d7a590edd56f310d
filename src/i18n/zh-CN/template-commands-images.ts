import type { TemplateCommandsImagesEntries } from '../en/template-commands-images.js';
import type { Translation } from '../text.js';

export const templateCommandsImages = (): Translation<TemplateCommandsImagesEntries> => ({
  cannotRead: (p) => `无法读取 ${p.file}：${p.reason}`,
  noSuchFile: '文件不存在',
  isDirectory: '这是一个目录',
  permissionDenied: '没有权限',
  cannotReadHint: '请给出一张不超过 5 MB 的 PNG、JPEG、GIF 或 BMP 图片的路径',
  tooLarge: (p) => `${p.file} 超过 5 MB：alipay.offline.material.image.upload 只接受不超过 5242880 字节的图片`,
  tooLargeHint: '请缩小图片（logo 不超过 1 MB，背景图不超过 2 MB）',
  wrongType: (p) => `--type ${p.type}：${p.file} 是 ${p.format} 图片`,
  wrongTypeHint: (p) => `去掉 --type（类型由文件内容判断），或传入 --type ${p.format}`,
  uploaded: (p) => (p.where ? `✓ 图片已上传${p.where}` : '✓ 图片已上传'),
  fileLabel: '文件',
  fileRow: (p) => `${p.file}（${p.format}，${p.width}×${p.height} px，${p.bytes} 字节）`,
});
