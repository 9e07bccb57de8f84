import type { GaussianMixture } from '@tfode/ncode';

/** Lower Cholesky factor of a symmetric positive-definite matrix. */
function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) throw new Error('gmm assign: a covariance is not positive definite');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/**
 * The most probable component of each point, argmax_j log w_j + log N(x; μ_j, Σ_j) — what
 * scikit-learn's GaussianMixture.predict returns (@tfode/ncode's GaussianMixture has no predict).
 */
export function assignComponents(gmm: GaussianMixture, points: readonly (readonly number[])[]): number[] {
  const factors = gmm.covariances.map(cholesky);
  const d = gmm.means[0].length;
  return points.map((p) => {
    let best = 0;
    let bestScore = -Infinity;
    factors.forEach((l, j) => {
      let logDet = 0;
      let mahalanobis = 0;
      const z = new Array<number>(d);
      for (let a = 0; a < d; a++) {
        let s = p[a] - gmm.means[j][a];
        for (let b = 0; b < a; b++) s -= l[a][b] * z[b];
        z[a] = s / l[a][a];
        mahalanobis += z[a] * z[a];
        logDet += Math.log(l[a][a]);
      }
      const score = Math.log(gmm.weights[j]) - 0.5 * mahalanobis - logDet;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    });
    return best;
  });
}
