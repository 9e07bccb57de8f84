import { InvalidArgumentError } from './errors';

/**
 * A small reproducible random source: mulberry32 (Tommy Ettinger's 32-bit generator, period 2^32)
 * for uniforms, and the Box–Muller transform for standard normals. Not for cryptography.
 * The same integer seed always gives the same sequence on every platform.
 */
export class SeededRandom {
  private state: number;
  private spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new InvalidArgumentError(`seed must be an integer, got ${seed}`);
    }
    this.state = seed >>> 0;
  }

  /** A uniform draw in [0, 1) with 32 random bits. */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** A standard normal draw; Box–Muller yields two per pair of uniforms, the second is kept. */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 − u ∈ (0, 1]: log stays finite
    const angle = 2 * Math.PI * this.uniform();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** `count` independent N(0, std²) draws. */
  normals(count: number, std = 1): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = std * this.normal();
    return out;
  }
}
