import type { OutputFilesEntries } from '../en/output-files.js';
import type { Translation } from '../text.js';

export const outputFiles = (): Translation<OutputFilesEntries> => ({
  exists: (p) => `${p.what} 已存在`,
  existsHint: '加 --force 替换它，或换一个文件名',
  isDirectory: (p) => `${p.what} 是一个目录：请指定一个文件`,
  noFolder: (p) => `${p.what}：目录 ${p.dir} 不存在`,
  noFolderHint: (p) => `请先创建它（mkdir -p ${p.dir}），或指定已存在目录中的文件`,
  notFolder: (p) => `${p.what}：${p.path} 不是目录`,
  cannotWrite: (p) => `${p.what}：无法写入：${p.reason}`,
  cannotWriteHint: '请腾出磁盘空间，或指定一个可以写入的位置；已有的文件保持原样',
});
