// Reading `<text|@file|->` flag values (src/cli/input.ts): files, stdin, their size and charset,
// JSON and key=value arguments.
import { messages, type Entries } from '../text.js';

const entries = () => ({
  /** Where a value came from when it is not a file: `cannot read stdin`. */
  stdin: 'stdin',
  /** Where a flag's value came from, when it was piped in: `--biz (stdin)`. */
  stdinLabel: (p: { flag: string }) => `${p.flag} (stdin)`,
  noSuchFile: 'no such file',
  cannotRead: (p: { flag: string; name: string; reason: string }) => `${p.flag}: cannot read ${p.name}: ${p.reason}`,
  tooLarge: (p: { flag: string; name: string; max: string; what: string }) => `${p.flag}: cannot read ${p.name}: it is larger than ${p.max}, the most read for ${p.what}`,
  /** What `tooLarge` names as capped. */
  contentCap: "a request's content or a gateway's answer (the gateway's body limit)",
  notUtf8Argument: (p: { position: number; value: string }) => `argument ${p.position} is not UTF-8 text: ${p.value} (its bytes that are not UTF-8 show as �, and cannot be told from here)`,
  notUtf8FlagValue: (p: { flag: string; value: string }) => `${p.flag}: the value is not UTF-8 text: ${p.value} (its bytes that are not UTF-8 show as �, and cannot be told from here)`,
  notUtf8ArgumentHint: 'the terminal or script sends another encoding (GBK?): set its locale to UTF-8 (LANG=zh_CN.UTF-8), or give the value in a file where the flag takes one (--biz @file, --content @file), which is read as UTF-8 or GBK',
  stdinIsTerminal: (p: { flag: string }) => `${p.flag} -: stdin is a terminal, not a pipe`,
  stdinIsTerminalHint: (p: { flag: string }) => `pipe the input in (e.g. \`cat file | alipay-card ... ${p.flag} -\`) or use ${p.flag} @file`,

  jsonTooDeep: (p: { source: string; max: number; position: number }) => `${p.source}: the JSON nests deeper than ${p.max} levels (at position ${p.position})`,
  duplicateKey: (p: { source: string; key: string }) => `${p.source}: key ${p.key} appears twice`,
  duplicateKeyIn: (p: { source: string; key: string; path: string }) => `${p.source}: key ${p.key} appears twice in ${p.path}`,
  duplicateKeyHint: 'keep one of them: which value the gateway would read is not defined',
  jsonTooDeepHint: (p: { hint: string }) => `no field of an Alipay request nests more than a few levels; ${p.hint}`,
  invalidJson: (p: { source: string; reason: string }) => `${p.source}: invalid JSON: ${p.reason}`,
  /** The hint for invalid JSON where the caller has none of its own (`sign --biz`). */
  bizJsonHint: `pass a JSON object, e.g. --biz '{"template_id":"20170308000000000058101000300045"}', or --biz @file.json`,
  expectedKeyValue: (p: { flag: string; item: string }) => `${p.flag} ${p.item}: expected key=value`,
  keyValueExample: (p: { flag: string; example: string }) => `e.g. ${p.flag} ${p.example}`,

  notText: (p: { source: string; charsets: string; at: string }) => `${p.source}: not ${p.charsets} text (${p.at})`,
  /** The charsets a text is not in: `UTF-8 or GBK`. */
  charsetsEither: (p: { items: string[] }) => p.items.join(' or '),
  incompleteAtEnd: 'an incomplete character at the end',
  badByteAt: (p: { byte: string; offset: number }) => `byte ${p.byte} at offset ${p.offset}`,
  /** A file saved as UTF-16 with its byte order mark (Notepad's "Unicode"). */
  utf16: (p: { source: string }) => `${p.source} is UTF-16 text (what Notepad calls "Unicode"), not UTF-8`,
  utf16Hint: 'save it as UTF-8: in Notepad, File > Save As, Encoding: UTF-8',
  notUtf8Hint: 'save it as UTF-8; GBK text needs charset gbk (in the profile, ALIPAY_CHARSET, or --charset where the command has it)',
  notEitherHint: (p: { charset: string }) => `save it as UTF-8 (or as ${p.charset})`,
} satisfies Entries);

export type InputArgumentsEntries = ReturnType<typeof entries>;
export const inputText = messages('input-arguments', entries);
