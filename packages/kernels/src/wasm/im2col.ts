import type * as tf from '@tensorflow/tfjs-core';

/** The geometry of a 2-D convolution over NHWC data, as tfjs's backend_util.computeConv2DInfo gives it. */
export type ConvGeometry = Pick<
  tf.backend_util.Conv2DInfo,
  | 'batchSize' | 'inHeight' | 'inWidth' | 'inChannels' | 'outHeight' | 'outWidth' | 'filterHeight' | 'filterWidth'
  | 'strideHeight' | 'strideWidth' | 'dilationHeight' | 'dilationWidth' | 'padInfo'
>;

/** One block of an im2col: `rows × cols` output positions of one filter tap, as byte offsets and strides. */
export interface WindowBlock {
  image: number;
  patches: number;
  rows: number;
  cols: number;
  /** Byte strides over (batch, output row, output column) on the image and on the patches. */
  imageStrides: [number, number, number];
  patchStrides: [number, number, number];
}

/** The first and one-past-last output index whose tap at `offset` reads inside [0, size). */
function validRange(size: number, outSize: number, stride: number, offset: number): [number, number] {
  const first = Math.max(0, Math.ceil(-offset / stride));
  const last = Math.min(outSize, Math.floor((size - 1 - offset) / stride) + 1);
  return [first, Math.max(first, last)];
}

/**
 * The im2col of a convolution, tap by tap: for each filter position (kh, kw), the output positions
 * whose input pixel lies inside the image, between the image [B, H, W, C] at byte offset `image`
 * and the patches [B, OH, OW, KH·KW·C] at `patches` (ordered (kh, kw, c), like a filter [KH, KW, C, K]).
 * Positions that read the padding are in no block: their patch entries stay as the caller left them.
 */
export function windowBlocks(g: ConvGeometry, image: number, patches: number): WindowBlock[] {
  const c = 4 * g.inChannels;
  const taps = g.filterHeight * g.filterWidth;
  const imageStrides: [number, number, number] = [g.inHeight * g.inWidth * c, g.strideHeight * g.inWidth * c, g.strideWidth * c];
  const patchStrides: [number, number, number] = [g.outHeight * g.outWidth * taps * c, g.outWidth * taps * c, taps * c];
  const blocks: WindowBlock[] = [];
  for (let kh = 0; kh < g.filterHeight; kh++) {
    for (let kw = 0; kw < g.filterWidth; kw++) {
      const [rowOffset, colOffset] = [kh * g.dilationHeight - g.padInfo.top, kw * g.dilationWidth - g.padInfo.left];
      const [i0, i1] = validRange(g.inHeight, g.outHeight, g.strideHeight, rowOffset);
      const [j0, j1] = validRange(g.inWidth, g.outWidth, g.strideWidth, colOffset);
      if (g.batchSize === 0 || i1 === i0 || j1 === j0) continue;
      blocks.push({
        image: image + (i0 * g.strideHeight + rowOffset) * g.inWidth * c + (j0 * g.strideWidth + colOffset) * c,
        patches: patches + i0 * patchStrides[1] + j0 * patchStrides[2] + (kh * g.filterWidth + kw) * c,
        rows: i1 - i0,
        cols: j1 - j0,
        imageStrides,
        patchStrides,
      });
    }
  }
  return blocks;
}

/** The 3×3, stride-1, 'same' geometry of patches3x3 for an NHWC shape. */
export function sameGeometry3x3([batchSize, height, width, channels]: number[]): ConvGeometry {
  return {
    batchSize, inHeight: height, inWidth: width, inChannels: channels, outHeight: height, outWidth: width,
    filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1,
    padInfo: { top: 1, left: 1, bottom: 1, right: 1, type: 'SAME' },
  };
}
