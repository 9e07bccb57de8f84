import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/nanode-bases';

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

/** Lower Cholesky factor of a symmetric positive definite matrix. */
function cholesky(a: number[][]): number[][] {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) throw new InvalidArgumentError('a covariance is not positive definite: raise regularization or use fewer components');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

function squaredDistance(a: number[], b: number[]): number {
  return a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
}

function toPoints(data: Points | tf.Tensor): Points {
  const points = data instanceof tf.Tensor ? (data.arraySync() as Points) : data;
  if (!Array.isArray(points) || points.length === 0 || !Array.isArray(points[0])) {
    throw new InvalidArgumentError('data must be a non-empty [n, d] array or tf.Tensor2D');
  }
  const d = points[0].length;
  if (points.some((p) => p.length !== d || p.some((v) => !Number.isFinite(v)))) {
    throw new InvalidArgumentError('data rows must all have the same length and finite values');
  }
  return points;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007), then Lloyd iterations to convergence. */
function kMeans(points: Points, k: number, random: SeededRandom, maxIterations: number): number[] {
  const centers = [points[Math.floor(random.uniform() * points.length)]];
  while (centers.length < k) {
    const d2 = points.map((p) => Math.min(...centers.map((c) => squaredDistance(p, c))));
    let r = random.uniform() * d2.reduce((s, v) => s + v, 0);
    let index = 0;
    while (index < points.length - 1 && (r -= d2[index]) > 0) index++;
    centers.push(points[index]);
  }
  let labels = new Array<number>(points.length).fill(-1);
  for (let it = 0; it < maxIterations; it++) {
    const next = points.map((p) => centers.reduce((best, c, j) => (squaredDistance(p, c) < squaredDistance(p, centers[best]) ? j : best), 0));
    if (next.every((l, i) => l === labels[i])) break;
    labels = next;
    for (let j = 0; j < k; j++) {
      const members = points.filter((_, i) => labels[i] === j);
      if (members.length > 0) centers[j] = members[0].map((_, c) => members.reduce((s, p) => s + p[c], 0) / members.length);
    }
  }
  return labels;
}

/**
 * A full-covariance Gaussian mixture fit by EM from a k-means++ start — AutoN-CODE's post-hoc density of
 * the latent codes, sampled to generate (Sec 4.4, App C.6 of 000_a288946168992ea9.txt). Plain float64 JS.
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
    const points = toPoints(data);
    const k = options.components;
    if (!Number.isInteger(k) || k < 1 || k > points.length) {
      throw new InvalidArgumentError(`components must be an integer in 1…${points.length} (the number of points), got ${k}`);
    }
    const tolerance = options.tolerance ?? 1e-3;
    const maxIterations = options.maxIterations ?? 100;
    const reg = options.regularization ?? 1e-6;
    const labels = kMeans(points, k, new SeededRandom(options.seed), maxIterations);
    let resp: number[][] = points.map((_, i) => Array.from({ length: k }, (__, j) => (labels[i] === j ? 1 : 0)));
    let model = GaussianMixture.maximize(points, resp, reg, 0, false);
    let previous = -Infinity;
    for (let it = 1; it <= maxIterations; it++) {
      const { responsibilities, meanLogLikelihood } = model.expect(points);
      resp = responsibilities;
      model = GaussianMixture.maximize(points, resp, reg, it, Math.abs(meanLogLikelihood - previous) < tolerance);
      if (model.converged) break;
      previous = meanLogLikelihood;
    }
    return model;
  }

  /** M-step: weights, means and covariances from responsibilities [n, k]. */
  private static maximize(points: Points, resp: number[][], reg: number, iterations: number, converged: boolean): GaussianMixture {
    const n = points.length;
    const d = points[0].length;
    const k = resp[0].length;
    const weights: number[] = [];
    const means: number[][] = [];
    const covariances: number[][][] = [];
    for (let j = 0; j < k; j++) {
      const nj = resp.reduce((s, r) => s + r[j], 0) + 10 * Number.EPSILON;
      const mean = new Array<number>(d).fill(0);
      points.forEach((p, i) => p.forEach((v, c) => (mean[c] += (resp[i][j] * v) / nj)));
      const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (__, b) => (a === b ? reg : 0)));
      points.forEach((p, i) => {
        for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a][b] += (resp[i][j] * (p[a] - mean[a]) * (p[b] - mean[b])) / nj;
      });
      weights.push(nj / n);
      means.push(mean);
      covariances.push(cov);
    }
    return new GaussianMixture(weights, means, covariances, iterations, converged);
  }

  /** log p(x_i | component j) + log w_j, [n, k]. */
  private weightedLogDensities(points: Points): number[][] {
    const d = this.means[0].length;
    const factors = this.covariances.map(cholesky);
    return points.map((p) =>
      factors.map((l, j) => {
        const z = new Array<number>(d); // solve L z = p − μ
        let logDet = 0;
        for (let a = 0; a < d; a++) {
          let s = p[a] - this.means[j][a];
          for (let b = 0; b < a; b++) s -= l[a][b] * z[b];
          z[a] = s / l[a][a];
          logDet += Math.log(l[a][a]);
        }
        const mahalanobis = z.reduce((s, v) => s + v * v, 0);
        return Math.log(this.weights[j]) - 0.5 * (d * Math.log(2 * Math.PI) + mahalanobis) - logDet;
      }),
    );
  }

  private expect(points: Points): { responsibilities: number[][]; meanLogLikelihood: number } {
    let total = 0;
    const responsibilities = this.weightedLogDensities(points).map((row) => {
      const top = Math.max(...row);
      const lse = top + Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
      total += lse;
      return row.map((v) => Math.exp(v - lse));
    });
    return { responsibilities, meanLogLikelihood: total / points.length };
  }

  /** log p(x) of each point. */
  scoreSamples(data: Points | tf.Tensor): number[] {
    return this.weightedLogDensities(toPoints(data)).map((row) => {
      const top = Math.max(...row);
      return top + Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
    });
  }

  /** The most probable component of each point, argmax_j log w_j + log N(x; μ_j, Σ_j) (as scikit-learn's predict). */
  predict(data: Points | tf.Tensor): number[] {
    return this.weightedLogDensities(toPoints(data)).map((row) => row.indexOf(Math.max(...row)));
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
    const factors = this.covariances.map(cholesky);
    const d = this.means[0].length;
    const out = new Float32Array(count * d);
    for (let i = 0; i < count; i++) {
      let r = random.uniform();
      let j = 0;
      while (j < this.weights.length - 1 && (r -= this.weights[j]) > 0) j++;
      const e = random.normals(d);
      for (let a = 0; a < d; a++) {
        let v = this.means[j][a];
        for (let b = 0; b <= a; b++) v += factors[j][a][b] * e[b];
        out[i * d + a] = v;
      }
    }
    return tf.tensor2d(out, [count, d]);
  }
}
