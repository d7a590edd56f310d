import { createReadStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { iconvLite } from '../protocol/charset.js';
import type { InputFile } from './input-file.js';

/** Largest record csv-parse will gather: see readCsvRecords. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** The longest value any card open field takes (the card open reference's longest String). */
export const MAX_FIELD_CHARS = 1024;

export const PARSE_OPTIONS = {
  bom: true,
  // Blank lines come through as records so that counting records counts rows; they are skipped later.
  skip_empty_lines: false,
  relax_column_count: true,
  // Excel writes CRLF, other tools LF, and an edited file can mix them.
  record_delimiter: ['\r\n', '\n', '\r'],
  // No valid row comes near it (a field holds at most 1,024 characters, an Excel cell 32,767), and
  // a quote that never closes is then reported after 1 MiB, not after the whole file, in memory.
  max_record_size: MAX_RECORD_BYTES,
};

/**
 * The file's text. `lfOnly` turns every line break (CRLF, CR, LF) into one LF: the records stay the
 * same (all three end a record), and csv-parse then counts lines right — it counts a CRLF inside a
 * quoted value as two. Only the passes that look for a line number ask for it.
 */
export async function decodedStream(file: InputFile, lfOnly = false): Promise<Readable> {
  // 64 KiB a read: csv-parse turns a whole chunk into records at once (about 1,000 rows here), and
  // they wait in the stream's buffer while each row is checked. With 256 KiB those 4,000 records
  // outlived the young generation and were promoted: a 1,000,000-row --validate-only (with its
  // template looked up, so the HTTP client loaded) peaked at 150-170 MB; with 64 KiB about 120 MB,
  // as fast.
  const raw = createReadStream(file.path, { highWaterMark: 64 * 1024 });
  let text: Readable = raw;
  if (file.encoding !== 'utf-8') {
    const decoder = iconvLite().decodeStream(file.encoding, { stripBOM: true }) as unknown as Readable & NodeJS.WritableStream;
    raw.on('error', (err) => decoder.destroy(err));
    text = raw.pipe(decoder);
  } else if (lfOnly) {
    raw.setEncoding('utf8');
  }
  if (!lfOnly) return text;
  const lf = lineBreaksAsLf();
  text.on('error', (err) => lf.destroy(err));
  return text.pipe(lf);
}

function lineBreaksAsLf(): Transform {
  // A CR that ends a chunk may be the first half of a CRLF: it waits for the next chunk.
  let heldCr = false;
  return new Transform({
    decodeStrings: false,
    transform(chunk: string | Buffer, _encoding, done) {
      let text = (heldCr ? '\r' : '') + String(chunk);
      heldCr = text.endsWith('\r');
      if (heldCr) text = text.slice(0, -1);
      done(null, text.replace(/\r\n?/g, '\n'));
    },
    flush(done) {
      done(null, heldCr ? '\n' : '');
    },
  });
}
