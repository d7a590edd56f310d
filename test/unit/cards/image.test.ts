import { imageParamProblems, imageProblems, sniffImage } from '../../../src/cards/image.js';
import { bmp, gif, jpeg, png } from './image-samples.js';

describe('an image, by its bytes', () => {
  it('tells PNG, JPEG, GIF and BMP by their magic numbers and reads their size in pixels', () => {
    expect(sniffImage(png(640, 480))).toEqual({ format: 'png', width: 640, height: 480 });
    expect(sniffImage(jpeg(1020, 643))).toEqual({ format: 'jpg', width: 1020, height: 643 });
    expect(sniffImage(gif(500, 500))).toEqual({ format: 'gif', width: 500, height: 500 });
    expect(sniffImage(bmp(230, 295))).toEqual({ format: 'bmp', width: 230, height: 295 });
  });

  it('is not fooled by a name: text, a truncated header, a WebP are none of the four', () => {
    expect(sniffImage(Buffer.from('hello'))).toBeUndefined();
    expect(sniffImage(png(1, 1).subarray(0, 12))).toBeUndefined();
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBeUndefined();
    expect(imageProblems(Buffer.alloc(0))).toEqual([expect.objectContaining({ message: 'the file is empty' })]);
    expect(imageProblems(Buffer.from('hello'))[0]!.message).toBe('is not a PNG, JPEG, GIF or BMP image (its first bytes are 68 65 6c 6c 6f): card images must be one of those');
  });

  it("a PNG's signature with its header cut short is a damaged PNG, not \"not a PNG\"", () => {
    expect(imageProblems(Buffer.from('\x89PNG\r\n\x1a\n\0\0', 'latin1'))).toEqual([expect.objectContaining({
      path: 'image_content',
      message: 'starts as a PNG image, but its header is cut short or damaged: its size in pixels cannot be read (save or download it again)',
    })]);
    expect(imageProblems(png(1, 1).subarray(0, 12))[0]!.message).toMatch(/^starts as a PNG image/);
  });

  it("holds an image to its use's rules: a logo square and ≥ 500 px, a background ≥ 1020×643, a card photo ≥ 230×295", () => {
    expect(imageProblems(png(500, 500), 'logo')).toEqual([]);
    expect(imageProblems(png(600, 500), 'logo')[0]!.message).toMatch(/^is 600×500 px, not square/);
    expect(imageProblems(png(400, 400), 'logo')[0]!.message).toMatch(/^is 400×400 px, too small for a logo/);
    expect(imageProblems(jpeg(1020, 643), 'background')).toEqual([]);
    expect(imageProblems(jpeg(1019, 643), 'background')[0]!.message).toContain('too small for a card background');
    expect(imageProblems(bmp(230, 295), 'card-photo')).toEqual([]);
    const big = Buffer.concat([png(500, 500), Buffer.alloc(1024 * 1024)]);
    expect(imageProblems(big, 'logo')[0]!.message).toMatch(/too large for a logo/);
    expect(imageProblems(Buffer.concat([png(10, 10), Buffer.alloc(5 * 1024 * 1024)]))[0]!.message).toMatch(/an image may be at most 5 MB/);
  });

  it("checks the text params' lengths in characters: image_type ≤ 8, image_name ≤ 128, image_pid ≤ 16", () => {
    expect(imageParamProblems({ image_type: 'png', image_name: '会'.repeat(128) })).toEqual([]);
    expect(imageParamProblems({ image_type: 'png', image_name: '会'.repeat(129) })).toEqual([expect.objectContaining({ path: 'image_name', message: 'must be at most 128 characters (it has 129)' })]);
    expect(imageParamProblems({ image_type: '', image_name: 'x', image_pid: '1'.repeat(17) }).map((p) => p.path)).toEqual(['image_type', 'image_pid']);
  });

  it('holds a blank text param (only spaces) to be no value: the string to sign leaves it out, so it would go unsigned', () => {
    expect(imageParamProblems({ image_type: 'png', image_name: '   ' })).toEqual([expect.objectContaining({ path: 'image_name', message: expect.stringMatching(/^is blank \(only spaces\)/) })]);
    expect(imageParamProblems({ image_type: 'png', image_name: 'x', image_pid: ' ' }).map((p) => p.path)).toEqual(['image_pid']);
  });
});

describe('an image read from part of a larger buffer', () => {
  it('is sized by its own bytes only, never by what follows it in memory (a file read into a bigger buffer, a request body)', () => {
    // A JPEG cut inside its frame header: the SOF marker is there, the height and width are not.
    const cut = Buffer.from('ffd8ffe00002ffc0001108', 'hex');
    // What happens to lie after it in memory reads as 2313×2313.
    const after = Buffer.from('0909090903012200021101031101', 'hex');
    const view = Buffer.concat([cut, after, Buffer.alloc(64)]).subarray(0, cut.length);
    expect(view.length).toBe(cut.length);
    expect(sniffImage(view)).toBeUndefined();
    expect(imageProblems(view)[0]!.message).toMatch(/^starts as a JPEG image/);
  });
});
