import { png as plainPng } from '../../e2e/images.js';

/** Whole files of each format, built by hand from their specifications: a header, pixel data however plain, an end. */
export function gif(width: number, height: number): Buffer {
  const b = Buffer.alloc(13);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  const descriptor = Buffer.alloc(10);
  descriptor[0] = 0x2c;
  descriptor.writeUInt16LE(width, 5);
  descriptor.writeUInt16LE(height, 7);
  // LZW minimum code size, one sub-block of data, the block terminator, the trailer.
  return Buffer.concat([b, descriptor, Buffer.from('02024c0100', 'hex'), Buffer.from([0x3b])]);
}

export function bmp(width: number, height: number): Buffer {
  const rows = Math.floor((width * 24 + 31) / 32) * 4 * height;
  const b = Buffer.alloc(54 + rows);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  return b;
}

export function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const sof = Buffer.alloc(19);
  sof.set([0xff, 0xc0, 0x00, 0x11, 0x08]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof.set([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01], 9);
  // A scan header, entropy-coded bytes (a stuffed FF 00 and a restart marker among them), the end.
  const scan = Buffer.from('ffda000c03010002110311003f00' + 'a1ff0012ffd07f', 'hex');
  return Buffer.concat([Buffer.from('ffd8', 'hex'), app0, sof, scan, Buffer.from('ffd9', 'hex')]);
}

export function png(width: number, height: number): Buffer {
  return plainPng(width, height, [90, 90, 90]);
}
