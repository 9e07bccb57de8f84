/**
 * Minimum-cost perfect assignment of an n×m cost matrix (n ≤ m): row i gets column `result[i]`.
 * The O(n²m) Hungarian algorithm with potentials (Kuhn–Munkres, Jonker–Volgenant style shortest
 * augmenting paths).
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const m = cost[0]?.length ?? 0;
  if (n === 0) return [];
  if (cost.some((row) => row.length !== m || row.some((v) => !Number.isFinite(v)))) {
    throw new Error('hungarian: the cost matrix must be rectangular with finite entries');
  }
  if (n > m) throw new Error(`hungarian: needs no more rows than columns, got ${n}×${m} (transpose it)`);
  // 1-based potentials u (rows), v (columns); match[j] = row assigned to column j (0: none).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const match = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    match[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = match[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const reduced = cost[i0 - 1][j - 1] - u[i0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[match[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (match[j0] !== 0);
    do {
      const j1 = way[j0];
      match[j0] = match[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (match[j] > 0) result[match[j] - 1] = j - 1;
  return result;
}

/**
 * Unsupervised clustering accuracy (N-CODE App C.7): the fraction of points whose
 * cluster, mapped one-to-one to a class by the best matching (Hungarian on the contingency table),
 * is their class.
 */
export function clusteringAccuracy(clusters: ArrayLike<number>, labels: ArrayLike<number>): { accuracy: number; mapping: number[] } {
  if (clusters.length !== labels.length || clusters.length === 0) {
    throw new Error(`clusteringAccuracy: need as many cluster ids as labels (> 0), got ${clusters.length} and ${labels.length}`);
  }
  let k = 0;
  for (let i = 0; i < clusters.length; i++) k = Math.max(k, clusters[i] + 1, labels[i] + 1);
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < clusters.length; i++) counts[clusters[i]][labels[i]] += 1;
  const mapping = hungarian(counts.map((row) => row.map((c) => -c)));
  const matched = mapping.reduce((sum, label, cluster) => sum + counts[cluster][label], 0);
  return { accuracy: matched / clusters.length, mapping };
}
