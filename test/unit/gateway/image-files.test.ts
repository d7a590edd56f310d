import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageFiles, ImageWriteError } from '../../../src/gateway/image-files.js';

const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const SHA = 'a'.repeat(64);

describe('uploaded image files', () => {
  it('a disk that fills part way through an image keeps no file of it, temporary or cut short, and the write throws', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gateway-images-')), 'images');
    // What writeFileSync meets on a nearly full disk: its first write takes what fits, the next is ENOSPC.
    const files = new ImageFiles(dir, undefined, (fd, bytes) => {
      writeFileSync(fd, bytes.subarray(0, 4096));
      throw noSpace();
    });
    expect(() => files.write(SHA, Buffer.alloc(10_000, 7))).toThrow('ENOSPC');
    expect(readdirSync(dir)).toEqual([]);
    expect(files.read(SHA)).toBeUndefined();
  });

  it('with room, the image is written whole; the same bytes again write nothing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gateway-images-')), 'images');
    let writes = 0;
    const files = new ImageFiles(dir, undefined, (fd, bytes) => {
      writes++;
      writeFileSync(fd, bytes);
    });
    files.write(SHA, Buffer.alloc(10_000, 7));
    files.write(SHA, Buffer.alloc(10_000, 7));
    expect(writes).toBe(1);
    expect(readFileSync(join(dir, SHA))).toEqual(Buffer.alloc(10_000, 7));
    expect(readdirSync(dir)).toEqual([SHA]);
  });

  it('a disk that stays full is said once, not at every upload, and again once an image is written; each failure is an ImageWriteError naming the folder', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gateway-images-')), 'images');
    const said: string[] = [];
    let full = true;
    const files = new ImageFiles(dir, (message) => said.push(String(message)), (fd, bytes) => {
      if (full) throw noSpace();
      writeFileSync(fd, bytes);
    });
    for (let i = 0; i < 3; i++) expect(() => files.write(SHA, Buffer.alloc(100))).toThrow(ImageWriteError);
    expect(() => files.write(SHA, Buffer.alloc(100))).toThrow(`cannot write an uploaded image in ${dir}: ENOSPC: no space left on device, write`);
    expect(said).toEqual([`cannot write an uploaded image in ${dir}: ENOSPC: no space left on device, write; image uploads are answered 20000 (retry later), nothing is stored`]);
    full = false;
    files.write(SHA, Buffer.alloc(100));
    files.write('b'.repeat(64), Buffer.alloc(100));
    expect(said.slice(1)).toEqual([`uploaded images are written again in ${dir}`]);
  });
});
