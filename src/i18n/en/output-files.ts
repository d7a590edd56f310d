// A file a command writes its result to (`template query --out`, `template preview --out`,
// `form link --qr-out`, `member token --out`, `member serve --journal`): why it cannot be written.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** `<what>` is the flag and its value (`--out x.json`), or the path when no flag named it. */
  exists: (p: { what: string }) => `${p.what} exists`,
  existsHint: 'pass --force to replace it, or name another file',
  isDirectory: (p: { what: string }) => `${p.what} is a directory: name a file`,
  noFolder: (p: { what: string; dir: string }) => `${p.what}: the directory ${p.dir} does not exist`,
  noFolderHint: (p: { dir: string }) => `create it first (mkdir -p ${p.dir}), or name a file in a directory that exists`,
  notFolder: (p: { what: string; path: string }) => `${p.what}: ${p.path} is not a directory`,
  cannotWrite: (p: { what: string; reason: string }) => `${p.what}: cannot write it: ${p.reason}`,
  cannotWriteHint: 'free some space or name a file where you can write; an existing file is left as it was',
} satisfies Entries);

export type OutputFilesEntries = ReturnType<typeof entries>;
export const outputFilesText = messages('output-files', entries);
