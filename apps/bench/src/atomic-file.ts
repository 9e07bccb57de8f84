// The one atomic-write helper lives in @tfode/ncode (saveWeights uses it too); this module keeps the
// bench's imports of './atomic-file' pointing at it.
export { writeFileAtomic } from '@tfode/ncode';
