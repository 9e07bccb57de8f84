import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createDataset, type ArrayDataset } from '../dataset';
import { DataFileError, InvalidArgumentError } from '../errors';
import { optionalDependency } from './optional-dependency';

export interface ImageFolderOptions {
  /** Output size: a side for square images, or [height, width]. */
  size: number | readonly [number, number];
  /** 3 (RGB, default) or 1 (grey); transparency is flattened onto black. */
  channels?: 1 | 3;
  /** 'none' (default): every image file in `dir`, y of shape [0]; 'subfolders': one class per subfolder, sorted by name. */
  labels?: 'none' | 'subfolders';
  /** File extensions read, case-insensitive (default .png, .jpg, .jpeg). */
  extensions?: readonly string[];
  /** Read only the first `limit` files in sorted order (CelebA has 202,599). */
  limit?: number;
  /** Images decoded at once (default 4). */
  concurrency?: number;
}

async function listDir(dir: string): Promise<import('node:fs').Dirent[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(dir, code === 'ENOENT' ? 'folder not found; check the path' : `cannot list the folder (${code ?? String(error)})`);
  }
}

/**
 * Images from a folder (PNG/JPEG, e.g. CelebA's img_align_celeba) decoded with sharp: turned
 * upright by their EXIF orientation, centre-cropped to the largest rectangle of the output's
 * aspect ratio, resized (Lanczos-3) to `size`, as uint8 NHWC [height, width, channels]. `sharp`
 * is an optional dependency: a `MissingDependencyError` says to install it when it is absent.
 */
export async function loadImageFolder(dir: string, options: ImageFolderOptions): Promise<ArrayDataset> {
  const { channels = 3, labels = 'none', extensions = ['.png', '.jpg', '.jpeg'], limit = Infinity, concurrency = 4 } = options;
  const [height, width] = typeof options.size === 'number' ? [options.size, options.size] : options.size;
  if (![height, width].every((d) => Number.isInteger(d) && d > 0)) throw new InvalidArgumentError(`size must be a positive integer or [height, width], got ${JSON.stringify(options.size)}`);
  if (channels !== 1 && channels !== 3) throw new InvalidArgumentError(`channels must be 1 or 3, got ${channels}`);
  if (!(limit > 0) || !Number.isInteger(concurrency) || concurrency < 1) throw new InvalidArgumentError('limit and concurrency must be positive');
  const wanted = new Set(extensions.map((e) => e.toLowerCase()));
  const imagesIn = async (folder: string) => (await listDir(folder)).filter((e) => e.isFile() && wanted.has(extname(e.name).toLowerCase())).map((e) => join(folder, e.name));
  let files: string[] = [];
  let fileLabels: number[] = [];
  let classNames: string[] | undefined;
  if (labels === 'subfolders') {
    classNames = (await listDir(dir)).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const [label, name] of classNames.entries()) {
      const inClass = await imagesIn(join(dir, name));
      files.push(...inClass);
      fileLabels.push(...inClass.map(() => label));
    }
  } else {
    files = await imagesIn(dir);
  }
  files = files.slice(0, limit);
  fileLabels = fileLabels.slice(0, limit);
  if (files.length === 0) throw new DataFileError(dir, `no image files (${[...wanted].join(', ')}) found${labels === 'subfolders' ? ' in its subfolders' : ''}`);
  const sharp = await optionalDependency('sharp', 'loadImageFolder', async () => (await import('sharp')).default);
  const pixels = height * width * channels;
  let x: Uint8Array;
  try {
    x = new Uint8Array(files.length * pixels);
  } catch {
    throw new InvalidArgumentError(`${files.length} images of ${height}×${width}×${channels} need ${files.length * pixels} bytes, more than can be allocated; pass a smaller size or limit`);
  }
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      let data: Buffer;
      try {
        const image = sharp(files[i]);
        const upright = (await image.metadata()).autoOrient;
        // Crop first, then resize: sharp's fit 'cover' resizes before cropping, so its filter would blend in pixels outside the crop.
        const scale = Math.min(upright.width / width, upright.height / height);
        const crop = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
        data = await image
          .rotate()
          .extract({ left: Math.floor((upright.width - crop.width) / 2), top: Math.floor((upright.height - crop.height) / 2), ...crop })
          .resize(width, height, { fit: 'fill' })
          .flatten({ background: '#000000' })
          .toColourspace(channels === 1 ? 'b-w' : 'srgb')
          .raw()
          .toBuffer();
      } catch (error) {
        throw new DataFileError(files[i], `cannot decode the image (${(error as Error).message}); remove or replace the file`);
      }
      x.set(data, i * pixels);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return classNames
    ? createDataset({ x, xShape: [height, width, channels], y: Int32Array.from(fileLabels), numClasses: classNames.length, classNames })
    : createDataset({ x, xShape: [height, width, channels], y: new Float32Array(0), yShape: [0] });
}
