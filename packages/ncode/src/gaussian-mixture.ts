import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';

export interface GaussianMixtureOptions {
  components: number;
  /** Seed of the k-means++ initialisation. */
  seed: number;
  /** Stop when the mean log-likelihood improves by less than this; default 1e-3 (App C.6). */
  tolerance?: number;
  /** Default 100 (App C.6). */
  maxIterations?: number;
  /** Added to every covariance diagonal so it stays positive definite; default 1e-6. */
  regularization?: number;
}

type Points = number[][];

/** Row-major [n, d] float64 points. */
interface Matrix {
  n: number;
  d: number;
  values: Float64Array;
}

/** Mixture parameters in flat row-major storage: weights [k], means [k, d], covariances [k, d, d]. */
interface FlatParameters {
  weights: Float64Array;
  means: Float64Array;
  covariances: Float64Array;
}

/** Lower Cholesky factors [k, d, d] of the covariances and the log-determinants log|L_j| [k]. */
interface Factors {
  lower: Float64Array;
  logDets: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
const SHAPE_ERROR = 'data must be a non-empty [n, d] array or tf.Tensor2D';
const ROW_ERROR = 'data rows must all have the same length and finite values';

/** Lower Cholesky factors of k symmetric positive definite d×d matrices (only their lower triangles are read). */
function cholesky(covariances: Float64Array, k: number, d: number): Factors {
  const lower = new Float64Array(k * d * d);
  const logDets = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const o = j * d * d;
    for (let i = 0; i < d; i++) {
      const ri = o + i * d;
      for (let c = 0; c <= i; c++) {
        const rc = o + c * d;
        let s = covariances[ri + c];
        for (let m = 0; m < c; m++) s -= lower[ri + m] * lower[rc + m];
        if (i === c) {
          if (!(s > 0)) throw new InvalidArgumentError('a covariance is not positive definite: raise regularization or use fewer components');
          lower[ri + i] = Math.sqrt(s);
        } else lower[ri + c] = s / lower[rc + c];
      }
    }
    let logDet = 0;
    for (let a = 0; a < d; a++) logDet += Math.log(lower[o + a * d + a]);
    logDets[j] = logDet;
  }
  return { lower, logDets };
}

function toMatrix(data: Points | tf.Tensor): Matrix {
  if (data instanceof tf.Tensor) {
    if (data.rank !== 2 || data.size === 0) throw new InvalidArgumentError(SHAPE_ERROR);
    const values = Float64Array.from(data.dataSync());
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw new InvalidArgumentError(ROW_ERROR);
    const [n, d] = data.shape as [number, number];
    return { n, d, values };
  }
  if (!Array.isArray(data) || data.length === 0 || !Array.isArray(data[0]) || data[0].length === 0) throw new InvalidArgumentError(SHAPE_ERROR);
  const n = data.length;
  const d = data[0].length;
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = data[i];
    if (!Array.isArray(row) || row.length !== d) throw new InvalidArgumentError(ROW_ERROR);
    for (let c = 0; c < d; c++) {
      const v = row[c];
      if (!Number.isFinite(v)) throw new InvalidArgumentError(ROW_ERROR);
      values[i * d + c] = v;
    }
  }
  return { n, d, values };
}

/** ‖x_i − c‖² for row i of x and row j of centers; summed in coordinate order from 0. */
function squaredDistance(x: Float64Array, i: number, centers: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) s += (x[i * d + c] - centers[j * d + c]) ** 2;
  return s;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007), then Lloyd iterations to convergence; the labels [n]. */
function kMeans({ n, d, values: x }: Matrix, k: number, random: SeededRandom, maxIterations: number): Int32Array {
  const centers = new Float64Array(k * d);
  let index = Math.floor(random.uniform() * n);
  centers.set(x.subarray(index * d, index * d + d), 0);
  const d2 = new Float64Array(n); // squared distance of each point to its nearest center so far
  for (let i = 0; i < n; i++) d2[i] = squaredDistance(x, i, centers, 0, d);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += d2[i];
    let r = random.uniform() * total;
    index = 0;
    while (index < n - 1 && (r -= d2[index]) > 0) index++;
    centers.set(x.subarray(index * d, index * d + d), j * d);
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i], squaredDistance(x, i, centers, j, d));
  }
  let labels = new Int32Array(n).fill(-1);
  let next = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let it = 0; it < maxIterations; it++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = squaredDistance(x, i, centers, 0, d);
      for (let j = 1; j < k; j++) {
        const distance = squaredDistance(x, i, centers, j, d);
        if (distance < bestDistance) {
          best = j;
          bestDistance = distance;
        }
      }
      next[i] = best;
      if (best !== labels[i]) changed = true;
    }
    if (!changed) break;
    [labels, next] = [next, labels];
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i];
      counts[j]++;
      for (let c = 0; c < d; c++) sums[j * d + c] += x[i * d + c];
    }
    for (let j = 0; j < k; j++) if (counts[j] > 0) for (let c = 0; c < d; c++) centers[j * d + c] = sums[j * d + c] / counts[j];
  }
  return labels;
}

/** M-step from responsibilities [n, k]: N_j = Σ_i r_ij, μ_j = Σ_i r_ij x_i / N_j, Σ_j = Σ_i r_ij (x_i − μ_j)(x_i − μ_j)ᵀ / N_j + reg·I. */
function maximize({ n, d, values: x }: Matrix, resp: Float64Array, k: number, reg: number): FlatParameters {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const diff = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const mo = j * d;
    const co = j * d * d;
    let nj = 0;
    for (let i = 0; i < n; i++) nj += resp[i * k + j];
    nj += 10 * Number.EPSILON;
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + j];
      if (r === 0) continue;
      for (let c = 0; c < d; c++) means[mo + c] += r * x[i * d + c];
    }
    for (let c = 0; c < d; c++) means[mo + c] /= nj;
    for (let i = 0; i < n; i++) {
      const r = resp[i * k + j];
      if (r === 0) continue;
      for (let c = 0; c < d; c++) diff[c] = x[i * d + c] - means[mo + c];
      for (let a = 0; a < d; a++) {
        const t = r * diff[a];
        const row = co + a * d;
        for (let b = a; b < d; b++) covariances[row + b] += t * diff[b]; // upper triangle only
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = covariances[co + a * d + b] / nj + (a === b ? reg : 0);
        covariances[co + a * d + b] = v;
        covariances[co + b * d + a] = v;
      }
    }
    weights[j] = nj / n;
  }
  return { weights, means, covariances };
}

/**
 * log w_j + log N(x_i; μ_j, L_j L_jᵀ) into out [n, k], by the forward solve L_j z = x_i − μ_j. Four points at a
 * time share each load of L_j and give four independent accumulation chains; past the end, the last point is
 * repeated (its value is written again, identically).
 */
function weightedLogDensities({ n, d, values: x }: Matrix, weights: ArrayLike<number>, means: Float64Array, factors: Factors, out: Float64Array): void {
  const k = weights.length;
  const { lower, logDets } = factors;
  const z0 = new Float64Array(d);
  const z1 = new Float64Array(d);
  const z2 = new Float64Array(d);
  const z3 = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    const logWeight = Math.log(weights[j]);
    const mo = j * d;
    const lo = j * d * d;
    for (let i = 0; i < n; i += 4) {
      const i1 = Math.min(i + 1, n - 1);
      const i2 = Math.min(i + 2, n - 1);
      const i3 = Math.min(i + 3, n - 1);
      let m0 = 0;
      let m1 = 0;
      let m2 = 0;
      let m3 = 0;
      for (let a = 0; a < d; a++) {
        const row = lo + a * d;
        const mean = means[mo + a];
        let s0 = x[i * d + a] - mean;
        let s1 = x[i1 * d + a] - mean;
        let s2 = x[i2 * d + a] - mean;
        let s3 = x[i3 * d + a] - mean;
        for (let b = 0; b < a; b++) {
          const l = lower[row + b];
          s0 -= l * z0[b];
          s1 -= l * z1[b];
          s2 -= l * z2[b];
          s3 -= l * z3[b];
        }
        const diagonal = lower[row + a];
        z0[a] = s0 / diagonal;
        z1[a] = s1 / diagonal;
        z2[a] = s2 / diagonal;
        z3[a] = s3 / diagonal;
        m0 += z0[a] * z0[a];
        m1 += z1[a] * z1[a];
        m2 += z2[a] * z2[a];
        m3 += z3[a] * z3[a];
      }
      const constant = d * LOG_2PI;
      out[i * k + j] = logWeight - 0.5 * (constant + m0) - logDets[j];
      out[i1 * k + j] = logWeight - 0.5 * (constant + m1) - logDets[j];
      out[i2 * k + j] = logWeight - 0.5 * (constant + m2) - logDets[j];
      out[i3 * k + j] = logWeight - 0.5 * (constant + m3) - logDets[j];
    }
  }
}

/** log Σ_j exp(row_j) of row i of a [n, k] array, shifted by the row's maximum. */
function logSumExp(values: Float64Array, i: number, k: number): number {
  let top = -Infinity;
  for (let j = 0; j < k; j++) top = Math.max(top, values[i * k + j]);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += Math.exp(values[i * k + j] - top);
  return top + Math.log(sum);
}

/**
 * A full-covariance Gaussian mixture fit by EM from a k-means++ start — AutoN-CODE's post-hoc density of
 * the latent codes, sampled to generate (N-CODE §4.4, App C.6). Plain float64 JS
 * on flat row-major Float64Arrays.
 */
export class GaussianMixture {
  private constructor(
    readonly weights: number[],
    readonly means: number[][],
    readonly covariances: number[][][],
    /** EM iterations run, and whether the tolerance was met before maxIterations. */
    readonly iterations: number,
    readonly converged: boolean,
  ) {}

  static fit(data: Points | tf.Tensor, options: GaussianMixtureOptions): GaussianMixture {
    const points = toMatrix(data);
    const { n, d } = points;
    const k = options.components;
    if (!Number.isInteger(k) || k < 1 || k > n) {
      throw new InvalidArgumentError(`components must be an integer in 1…${n} (the number of points), got ${k}`);
    }
    const tolerance = options.tolerance ?? 1e-3;
    const maxIterations = options.maxIterations ?? 100;
    const reg = options.regularization ?? 1e-6;
    const labels = kMeans(points, k, new SeededRandom(options.seed), maxIterations);
    const resp = new Float64Array(n * k);
    for (let i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
    let parameters = maximize(points, resp, k, reg);
    let iterations = 0;
    let converged = false;
    let previous = -Infinity;
    while (iterations < maxIterations && !converged) {
      // E-step: responsibilities r_ij = w_j N(x_i; μ_j, Σ_j) / p(x_i), in place of the log densities.
      weightedLogDensities(points, parameters.weights, parameters.means, cholesky(parameters.covariances, k, d), resp);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const lse = logSumExp(resp, i, k);
        total += lse;
        for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j] - lse);
      }
      const meanLogLikelihood = total / n;
      parameters = maximize(points, resp, k, reg);
      iterations++;
      converged = Math.abs(meanLogLikelihood - previous) < tolerance;
      previous = meanLogLikelihood;
    }
    const { weights, means, covariances } = parameters;
    return new GaussianMixture(
      Array.from(weights),
      Array.from({ length: k }, (_, j) => Array.from(means.subarray(j * d, j * d + d))),
      Array.from({ length: k }, (_, j) => Array.from({ length: d }, (__, a) => Array.from(covariances.subarray((j * d + a) * d, (j * d + a + 1) * d)))),
      iterations,
      converged,
    );
  }

  private flatMeans(): Float64Array {
    return Float64Array.from(this.means.flat());
  }

  private factors(): Factors {
    const d = this.means[0].length;
    return cholesky(Float64Array.from(this.covariances.flat(2)), this.weights.length, d);
  }

  /** log w_j + log N(x_i; μ_j, Σ_j) of each point [n, k], and n. */
  private logDensities(data: Points | tf.Tensor): { values: Float64Array; n: number } {
    const points = toMatrix(data);
    if (points.d !== this.means[0].length) throw new InvalidArgumentError(`data rows must have length ${this.means[0].length} (the mixture's dimension), got ${points.d}`);
    const values = new Float64Array(points.n * this.weights.length);
    weightedLogDensities(points, this.weights, this.flatMeans(), this.factors(), values);
    return { values, n: points.n };
  }

  /** log p(x) of each point. */
  scoreSamples(data: Points | tf.Tensor): number[] {
    const { values, n } = this.logDensities(data);
    const k = this.weights.length;
    const scores = new Array<number>(n);
    for (let i = 0; i < n; i++) scores[i] = logSumExp(values, i, k);
    return scores;
  }

  /** The most probable component of each point, argmax_j log w_j + log N(x; μ_j, Σ_j) (as scikit-learn's predict). */
  predict(data: Points | tf.Tensor): number[] {
    const { values, n } = this.logDensities(data);
    const k = this.weights.length;
    const labels = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (values[i * k + j] > values[i * k + best]) best = j;
      labels[i] = best;
    }
    return labels;
  }

  /** Mean log-likelihood of the points. */
  logLikelihood(data: Points | tf.Tensor): number {
    const scores = this.scoreSamples(data);
    return scores.reduce((s, v) => s + v, 0) / scores.length;
  }

  /** `count` draws as a tensor [count, d]: a component by weight, then μ + L·N(0, I). */
  sample(count: number, seed: number): tf.Tensor2D {
    if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError(`count must be a positive integer, got ${count}`);
    const random = new SeededRandom(seed);
    const { lower } = this.factors();
    const means = this.flatMeans();
    const d = this.means[0].length;
    const out = new Float32Array(count * d);
    for (let i = 0; i < count; i++) {
      let r = random.uniform();
      let j = 0;
      while (j < this.weights.length - 1 && (r -= this.weights[j]) > 0) j++;
      const e = random.normals(d);
      for (let a = 0; a < d; a++) {
        let v = means[j * d + a];
        for (let b = 0; b <= a; b++) v += lower[(j * d + a) * d + b] * e[b];
        out[i * d + a] = v;
      }
    }
    return tf.tensor2d(out, [count, d]);
  }
}
