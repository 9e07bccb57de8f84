import { DenseLayers, WeightedSum } from '../kernels/kernel-names';
import { denseLayersLeanGradient } from './dense-layers-grad';
import type { LeanGradient } from './lean-gradient';
import { weightedSumLeanGradient } from './weighted-sum-grad';

/** The kernels with a lean gradient (lean-gradient), by name: the ones a field's backward pass runs once per evaluation. */
export const leanGradients: Record<string, LeanGradient> = {
  [DenseLayers]: denseLayersLeanGradient,
  [WeightedSum]: weightedSumLeanGradient,
};
