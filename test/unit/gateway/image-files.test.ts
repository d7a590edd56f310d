import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageFiles } from '../../../src/gateway/image-files.js';

const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
const SHA = 'a'.repeat(64);

describe('uploaded image files', () => {
  it('a disk that fills part way through an image keeps no file of it, temporary or cut short, and the write throws', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gateway-images-')), 'images');
    // What writeFileSync meets on a nearly full disk: its first write takes what fits, the next is ENOSPC.
    const files = new ImageFiles(dir, (fd, bytes) => {
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
    const files = new ImageFiles(dir, (fd, bytes) => {
      writes++;
      writeFileSync(fd, bytes);
    });
    files.write(SHA, Buffer.alloc(10_000, 7));
    files.write(SHA, Buffer.alloc(10_000, 7));
    expect(writes).toBe(1);
    expect(readFileSync(join(dir, SHA))).toEqual(Buffer.alloc(10_000, 7));
    expect(readdirSync(dir)).toEqual([SHA]);
  });
});
