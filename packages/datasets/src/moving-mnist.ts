import { createDataset, shapeSize, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

export interface MovingMnistOptions {
  numSequences: number;
  /** Frames per sequence (default 20). */
  numFrames?: number;
  /** Side of the square frame (default 64). */
  frameSize?: number;
  /** Digits bouncing in each sequence (default 2). */
  digitsPerSequence?: number;
  /** Pixels moved per frame, in a uniformly random direction (default 3). */
  speed?: number;
  seed?: number;
}

/**
 * Moving MNIST sequences. x: uint8 frames [numFrames, frameSize, frameSize, 1]; y: the digits'
 * top-left corners (row, column) in every frame, float32 [numFrames, digitsPerSequence, 2].
 */
export interface MovingMnistDataset extends ArrayDataset {
  readonly x: Uint8Array;
  /** Which source image each digit is (index into `digits`) and its class (−1 without class labels), shape [numSequences, digitsPerSequence]. */
  readonly digitIndices: Int32Array;
  readonly digitLabels: Int32Array;
}

/**
 * Moving MNIST (Srivastava et al. 2015; the video task of NANODE §4.2)
 * built from single-channel digit images: each digit starts at a random place inside the frame,
 * moves at constant speed and reflects off the borders, so it always lies wholly inside the frame;
 * overlapping digits combine by the pixel-wise maximum.
 */
export function movingMnist(digits: ArrayDataset, options: MovingMnistOptions): MovingMnistDataset {
  const { numSequences, numFrames = 20, frameSize = 64, digitsPerSequence = 2, speed = 3, seed = 0 } = options;
  const [digitHeight, digitWidth, channels] = digits.xShape;
  if (!(digits.x instanceof Uint8Array) || digits.xShape.length !== 3 || channels !== 1) {
    throw new InvalidArgumentError(`movingMnist needs uint8 single-channel images [h, w, 1], got xShape [${digits.xShape.join(', ')}]`);
  }
  if (digitHeight > frameSize || digitWidth > frameSize) throw new InvalidArgumentError(`digits of ${digitHeight}×${digitWidth} do not fit a ${frameSize}×${frameSize} frame`);
  for (const [name, value] of [['numSequences', numSequences], ['numFrames', numFrames], ['digitsPerSequence', digitsPerSequence]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
  }
  if (!(speed >= 0)) throw new InvalidArgumentError(`speed must be ≥ 0, got ${speed}`);
  const random = new SeededRandom(seed);
  const limits = [frameSize - digitHeight, frameSize - digitWidth];
  const framePixels = frameSize * frameSize;
  const digitPixels = shapeSize(digits.xShape);
  const x = new Uint8Array(numSequences * numFrames * framePixels);
  const y = new Float32Array(numSequences * numFrames * digitsPerSequence * 2);
  const digitLabels = new Int32Array(numSequences * digitsPerSequence);
  const digitIndices = new Int32Array(numSequences * digitsPerSequence);
  for (let s = 0; s < numSequences; s++) {
    for (let d = 0; d < digitsPerSequence; d++) {
      const index = random.integer(digits.size);
      digitIndices[s * digitsPerSequence + d] = index;
      digitLabels[s * digitsPerSequence + d] = digits.y instanceof Int32Array ? digits.y[index] : -1;
      const image = digits.x.subarray(index * digitPixels, (index + 1) * digitPixels);
      const position = limits.map((limit) => random.uniform() * limit);
      const angle = 2 * Math.PI * random.uniform();
      const velocity = [speed * Math.sin(angle), speed * Math.cos(angle)];
      for (let f = 0; f < numFrames; f++) {
        if (f > 0) {
          for (let axis = 0; axis < 2; axis++) {
            position[axis] += velocity[axis];
            // Reflect off the borders (repeatedly, for speeds larger than the free room).
            while (position[axis] < 0 || position[axis] > limits[axis]) {
              position[axis] = position[axis] < 0 ? -position[axis] : 2 * limits[axis] - position[axis];
              velocity[axis] = -velocity[axis];
            }
          }
        }
        const [top, left] = position.map(Math.round);
        y.set([top, left], ((s * numFrames + f) * digitsPerSequence + d) * 2);
        const frame = x.subarray((s * numFrames + f) * framePixels, (s * numFrames + f + 1) * framePixels);
        for (let r = 0; r < digitHeight; r++) {
          for (let c = 0; c < digitWidth; c++) {
            const at = (top + r) * frameSize + left + c;
            frame[at] = Math.max(frame[at], image[r * digitWidth + c]);
          }
        }
      }
    }
  }
  return { ...createDataset({ x, xShape: [numFrames, frameSize, frameSize, 1], y, yShape: [numFrames, digitsPerSequence, 2] }), x, digitIndices, digitLabels };
}
