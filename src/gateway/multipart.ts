import { decodeText, type Charset } from '../protocol/index.js';

/** A file part of a multipart request, as the method that takes it sees it. */
export interface UploadedPart {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: Map<string, UploadedPart>;
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*;/i.test(contentType ?? '');
}

/**
 * A multipart/form-data body's text fields and file parts. The text — field values, names and
 * file names — is read in the request's charset (the `charset` param of the URL), as Alipay reads
 * an upload from its Java SDK, which writes every part in that charset: a GBK request whose
 * image_name went out as UTF-8 reads as other characters, and its signature fails, as on Alipay.
 * Ours, not a library's: the Fetch API's form parser reads every field as UTF-8 whatever the
 * request says, and busboy 1.6 and @fastify/busboy 3.2 (tried) read a GBK part as undefined and as
 * U+FFFD respectively (their decoder for other charsets is an arrow function they `bind` the
 * charset to, so TextDecoder never gets it). Throws on a body that is not well-formed multipart
 * for its boundary.
 */
export function parseMultipart(body: Buffer, contentType: string, charset: Charset): MultipartForm {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw new Error('the Content-Type has no boundary');
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`, 'latin1');
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedPart>();
  // The first delimiter may open the body without a CRLF before it (RFC 2046: after any preamble).
  let at = body.subarray(0, delimiter.length - 2).equals(delimiter.subarray(2)) ? delimiter.length - 2 : indexAfter(body, delimiter, 0);
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return { fields, files };
    const headersStart = body.indexOf('\r\n', at) + 2;
    const headersEnd = body.indexOf('\r\n\r\n', headersStart - 2);
    if (headersStart < 2 || headersEnd < 0) throw new Error('a part has no end to its headers');
    const end = body.indexOf(delimiter, headersEnd + 4);
    if (end < 0) throw new Error('the body has no closing boundary');
    const part = readPart(body.subarray(headersStart, headersEnd), body.subarray(headersEnd + 4, end), charset);
    if (part.filename === undefined) fields[part.name] = decodeText(part.bytes, charset);
    else files.set(part.name, { filename: part.filename, contentType: part.contentType, bytes: Buffer.from(part.bytes) });
    at = end + delimiter.length;
  }
}

function indexAfter(body: Buffer, delimiter: Buffer, from: number): number {
  const found = body.indexOf(delimiter, from);
  if (found < 0) throw new Error('the body has no boundary');
  return found + delimiter.length;
}

/** A part's name, file name and type from its headers (read byte for byte, the params in the charset). */
function readPart(headerBytes: Buffer, bytes: Buffer, charset: Charset): { name: string; filename: string | undefined; contentType: string; bytes: Buffer } {
  const headers = headerBytes.toString('latin1').split('\r\n');
  const header = (name: string) => headers.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const disposition = header('content-disposition');
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) throw new Error('a part is not form-data');
  const param = (key: string) => {
    const match = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(disposition);
    if (!match) return undefined;
    const raw = match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? '';
    return decodeText(Buffer.from(raw, 'latin1'), charset);
  };
  const name = param('name');
  if (name === undefined) throw new Error('a part has no name');
  return { name, filename: param('filename'), contentType: header('content-type') ?? 'application/octet-stream', bytes };
}
