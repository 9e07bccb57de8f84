import { describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { deflatedZip } from './node/test-files';
import { readZipEntries, writeStoredZip } from './zip-archive';

const arrayBufferGrowth = async (read: () => Promise<void>) => {
  const before = process.memoryUsage().arrayBuffers;
  await read();
  return process.memoryUsage().arrayBuffers - before;
};

describe('readZipEntries on hostile input', () => {
  it('inflates deflated entries to exactly their declared size', async () => {
    const content = new TextEncoder().encode('mu sigma '.repeat(1000));
    expect(Array.from((await readZipEntries(deflatedZip('a.npy', content), 'a.npz')).get('a.npy')!)).toEqual(Array.from(content));
  });

  it('stops inflating as soon as an entry passes its declared size', async () => {
    const bomb = deflatedZip('sigma.npy', new Uint8Array(256 << 20), 1000); // 256 MiB of zeros in ~256 KB
    let error: unknown;
    const grown = await arrayBufferGrowth(async () => {
      try {
        await readZipEntries(bomb, 'bomb.npz');
      } catch (caught) {
        error = caught;
      }
    });
    expect(error).toBeInstanceOf(FidFileError);
    expect((error as Error).message).toMatch(/bomb.npz: entry "sigma.npy" inflates past its declared 1000 bytes/);
    expect(grown).toBeLessThan(4 << 20);
  });

  it('refuses an entry declaring more than maxInflatedBytes before inflating it', async () => {
    const zip = deflatedZip('big.npy', new Uint8Array(1 << 20));
    await expect(readZipEntries(zip, 'big.npz', { maxInflatedBytes: 1 << 19 })).rejects.toThrow(/big.npz: entry "big.npy" declares 1048576 bytes.*524288/);
    const two = writeStoredZip([['x', new Uint8Array(1)]]);
    expect((await readZipEntries(two, 'two.npz', { maxInflatedBytes: 0 })).get('x')!.length).toBe(1); // stored entries are views, not inflated
  });

  it('throws its typed error for corrupt deflate data and headers pointing outside the file', async () => {
    const zip = deflatedZip('a.npy', new Uint8Array(4096).fill(7));
    const corrupt = Uint8Array.from(zip);
    corrupt.fill(0xff, 39, 45); // inside the deflate stream after the 30 + 5 byte local header
    await expect(readZipEntries(corrupt, 'corrupt.npz')).rejects.toThrow(FidFileError);
    const central = zip.length - 22 - 51;
    for (const [field, value] of [[42, 0xfffffff0], [28, 0xffff], [30, 0xffff], [20, 0x7fffffff]] as const) {
      const bad = Uint8Array.from(zip);
      const view = new DataView(bad.buffer);
      if (value > 0xffff) view.setUint32(central + field, value, true);
      else view.setUint16(central + field, value, true);
      await expect(readZipEntries(bad, 'bad.npz'), `field ${field}`).rejects.toThrow(FidFileError);
    }
  });
});
