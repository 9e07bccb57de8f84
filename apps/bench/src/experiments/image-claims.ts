import { check, percent, type Measured, type PaperClaim } from '../report/paper-claims';
import type { AutoencodeResult, GenerationRow } from './autoencode';
import type { ClassifierResult } from './classify';
import type { ClusterRow } from './cluster';

// The papers' claims of the image experiments (classify, autoencode, cluster), each checked against
// the numbers of a run's results: a model that stopped early has NaN numbers and fails its checks.

/** Dissecting Table 1 and N-CODE §4.2 Table 1: augmented and controlled classifiers against a plain NODE. */
export function classifyClaims(rows: readonly ClassifierResult[]): PaperClaim[] {
  const row = (name: string) => rows.find((r) => r.model === name);
  const present = (names: string[]) => names.map(row).filter((r): r is ClassifierResult => r !== undefined);
  const accuracyOf = (r: ClassifierResult): Measured => ({ label: `${r.model} test accuracy`, value: r.testAccuracy, format: percent });
  const nfeOf = (r: ClassifierResult): Measured => ({ label: `${r.model} mean NFE`, value: r.meanNfe });
  const claims: PaperClaim[] = [];
  const node = row('NODE');
  const augmented = present(['ANODE', 'IL-NODE', '2nd-order']);
  if (node && augmented.length > 0) {
    claims.push({ claim: 'augmented NODEs are more accurate than a plain NODE', source: 'Dissecting Table 1; ANODE slides images', checks: augmented.map((r) => check(accuracyOf(r), '>', accuracyOf(node))) });
    claims.push({ claim: 'augmented NODEs need fewer NFE than a plain NODE', source: 'Dissecting Table 1; ANODE slides images', checks: augmented.map((r) => check(nfeOf(r), '<', nfeOf(node))) });
  }
  const dataControlled = row('NODE DC');
  if (node && dataControlled) {
    claims.push({ claim: 'a data-controlled NODE is more accurate than a plain NODE', source: 'N-CODE Table 1', checks: [check(accuracyOf(dataControlled), '>', accuracyOf(node))] });
  }
  const baseline = row('readout only');
  const flows = rows.filter((r) => r.model !== 'readout only');
  if (baseline && flows.length > 0) {
    claims.push({
      claim: 'each flow is more accurate than its readout alone on the input (the flow-free baseline: the flow does work)', source: 'Dissecting Fig 6 (our control)',
      checks: flows.map((r) => check(accuracyOf(r), '>', accuracyOf(baseline))),
    });
  }
  const open = row('N-CODE open');
  const rivals = present(['NODE', 'ANODE', 'NODE DC']);
  if (open && rivals.length > 0) {
    claims.push({
      claim: 'open-loop N-CODE is more accurate than NODE, ANODE and data control', source: 'N-CODE Table 1',
      checks: rivals.map((r) => check(accuracyOf(open), '>', accuracyOf(r))),
    });
  }
  return claims;
}

/** N-CODE §4.5 Table 2 and App C.6: the FID of decoded samples (lower is better). */
export function autoencodeClaims({ generation }: Pick<AutoencodeResult, 'generation'>, fidName: string): PaperClaim[] {
  const fidOf = (g: GenerationRow): Measured => ({ label: `${fidName} of ${g.model}, ${g.sampler}`, value: g.fid });
  const find = (model: string, sampler: string) => generation.find((g) => g.model === model && g.sampler === sampler);
  const gmmSizes = [...new Set(generation.filter((g) => g.sampler.startsWith('GMM ')).map((g) => g.sampler))];
  const pairs = (model: string, other: string) =>
    gmmSizes.flatMap((sampler) => {
      const a = find(model, sampler);
      const b = find(other, sampler);
      return a && b ? [check(fidOf(a), '<', fidOf(b))] : [];
    });
  const claims: PaperClaim[] = [];
  const versusAe = pairs('AutoN-CODE', 'AE');
  if (versusAe.length > 0) claims.push({ claim: 'AutoN-CODE samples are better than the AE\'s at the same GMM size', source: 'N-CODE Table 2', checks: versusAe });
  const prior = find('VAE', 'prior N(0, I)');
  const ncode = generation.filter((g) => g.model === 'AutoN-CODE');
  if (prior && ncode.length > 0) {
    claims.push({ claim: 'AutoN-CODE samples (GMM) are better than the VAE\'s (prior)', source: 'N-CODE Table 2', checks: ncode.map((g) => check(fidOf(g), '<', fidOf(prior))) });
  }
  const bySize = [...gmmSizes].sort((a, b) => Number(a.slice('GMM '.length)) - Number(b.slice('GMM '.length)));
  const [fewest, most] = [bySize[0], bySize[bySize.length - 1]];
  const moreComponents = bySize.length < 2 ? [] : [...new Set(generation.map((g) => g.model))].flatMap((model) => {
    const a = find(model, most);
    const b = find(model, fewest);
    return a && b ? [check(fidOf(a), '<', fidOf(b))] : [];
  });
  if (moreComponents.length > 0) claims.push({ claim: 'a GMM with more components gives better samples', source: 'N-CODE Table 2 (100 vs 1000 components); N-CODE Fig A.7 left', checks: moreComponents });
  return claims;
}

/** N-CODE App C.7 Fig A.10: clustering accuracy of the latent codes. */
export function clusterClaims(rows: readonly ClusterRow[]): PaperClaim[] {
  const ae = rows.find((r) => r.model === 'AE');
  const ncode = rows.find((r) => r.model === 'AutoN-CODE');
  if (!ae || !ncode) return [];
  const meanOf = (r: ClusterRow): Measured => ({ label: `${r.model} mean clustering accuracy`, value: r.mean, format: percent });
  return [{ claim: 'AutoN-CODE\'s latent codes cluster better than the AE\'s', source: 'N-CODE Fig A.10', checks: [check(meanOf(ncode), '>', meanOf(ae))] }];
}
