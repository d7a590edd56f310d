import { imageProblems, sniffImage } from '../../../src/cards/image.js';
import { bmp, gif, jpeg, png } from './image-samples.js';

const message = (bytes: Buffer, purpose?: 'background') => imageProblems(bytes, purpose).map((p) => p.message);

/** A PNG chunk with a CRC of zeros (nothing here reads it). */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

describe('an image whose header reads but whose body is not all there', () => {
  it('a PNG cut after its header, or anywhere before IEND, is cut short', () => {
    const whole = png(40, 30);
    expect(message(whole.subarray(0, 33))).toEqual(['starts as a PNG image, but it is cut short: it ends before its IEND chunk (save or download it again)']);
    expect(message(whole.subarray(0, whole.length - 5))[0]).toMatch(/it ends before its IEND chunk/);
    expect(sniffImage(whole.subarray(0, 40))).toBeUndefined();
  });

  it('a PNG with a header, an end and no pixels between, or far too few for its size, is refused (68 bytes saying 60000×60000 px)', () => {
    const header = png(1, 1).subarray(0, 33);
    expect(message(Buffer.concat([header, chunk('IEND', Buffer.alloc(0))]))[0]).toMatch(/it has no pixel data \(no IDAT chunk before its IEND\)/);
    const claims = Buffer.from(header);
    claims.writeUInt32BE(60000, 16);
    claims.writeUInt32BE(60000, 20);
    const liar = Buffer.concat([claims, chunk('IDAT', Buffer.from('789c63000000010001', 'hex').subarray(0, 11)), chunk('IEND', Buffer.alloc(0))]);
    expect(liar.length).toBeLessThan(80);
    expect(message(liar, 'background')).toEqual(['starts as a PNG image, but its pixel data, 9 bytes, is too little for 60000×60000 px: no compression packs it so small (save or download it again)']);
  });

  it('a plain image that compresses very well is whole: the bound is the most deflate can do', () => {
    expect(sniffImage(png(2000, 2000))).toEqual({ format: 'png', width: 2000, height: 2000 });
  });

  it('a JPEG is whole at its end-of-image marker, after a frame and a scan; cut anywhere before, it is cut short', () => {
    const whole = jpeg(1020, 643);
    expect(sniffImage(whole)).toEqual({ format: 'jpg', width: 1020, height: 643 });
    expect(message(whole.subarray(0, whole.length - 2))).toEqual(['starts as a JPEG image, but it is cut short: it ends before its end-of-image marker (FF D9) (save or download it again)']);
    expect(message(whole.subarray(0, whole.length - 6))[0]).toMatch(/end-of-image marker/);
    // A frame header and the end marker with no scan between: no pixels.
    const noScan = Buffer.concat([whole.subarray(0, 39), Buffer.from('ffd9', 'hex')]);
    expect(message(noScan)[0]).toMatch(/no pixel data \(no scan, SOS/);
    // Bytes after the end (padding, a camera's trailer) are left alone, as decoders leave them.
    expect(sniffImage(Buffer.concat([whole, Buffer.alloc(100)]))).toBeDefined();
  });

  it('a GIF is whole at its trailer, or where its last image ends with the file; cut inside an image it is cut short', () => {
    const whole = gif(500, 500);
    expect(sniffImage(whole)).toEqual({ format: 'gif', width: 500, height: 500 });
    expect(sniffImage(whole.subarray(0, whole.length - 1))).toBeDefined();
    expect(message(whole.subarray(0, whole.length - 3))).toEqual(['starts as a GIF image, but it is cut short: it ends before its trailer (3B) (save or download it again)']);
    expect(message(Buffer.concat([whole.subarray(0, 13), Buffer.from([0x3b])]))[0]).toMatch(/no image in it/);
    // No trailer and zeros to the end (a writer's padding): the image is all there.
    expect(sniffImage(Buffer.concat([whole.subarray(0, whole.length - 1), Buffer.alloc(16)]))).toBeDefined();
  });

  it("a BMP holds every pixel row its header says; a file size (bfSize) larger than that is not read, as decoders do not", () => {
    const whole = bmp(230, 295);
    expect(sniffImage(whole)).toEqual({ format: 'bmp', width: 230, height: 295 });
    expect(message(whole.subarray(0, 1000))).toEqual([`starts as a BMP image, but it is cut short: it has 1000 bytes where its header says ${whole.length} (save or download it again)`]);
    const sizeTooLarge = Buffer.from(whole);
    sizeTooLarge.writeUInt32LE(whole.length + 2, 2);
    expect(sniffImage(sizeTooLarge)).toEqual({ format: 'bmp', width: 230, height: 295 });
  });
});
