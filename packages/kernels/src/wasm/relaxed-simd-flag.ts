import { compileSimdKernels, hasRelaxedSimd, simdInstructionSet } from './simd-kernels';

/** V8's flag for relaxed SIMD in the releases that have it but leave it off (Node 20: V8 11.3). */
const relaxedSimdFlag = '--experimental-wasm-relaxed-simd';

interface NodeV8 {
  setFlagsFromString(flags: string): void;
}

/** Node's v8 module where there is one (Node 20.16+), without a static import that a browser bundle would have to resolve. */
function nodeV8(): NodeV8 | undefined {
  const node = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return node?.getBuiltinModule?.('node:v8') as NodeV8 | undefined;
}

/** Sets V8's relaxed-SIMD flag where the engine lacks relaxed SIMD and is Node's; returns whether it has relaxed SIMD now. */
export function turnOnRelaxedSimdFlag(): boolean {
  if (!hasRelaxedSimd()) nodeV8()?.setFlagsFromString(relaxedSimdFlag);
  return hasRelaxedSimd();
}

/**
 * Opts in to relaxed SIMD where the engine has it but leaves it off: in Node 20, V8's
 * --experimental-wasm-relaxed-simd, set here at run time (Node's v8.setFlagsFromString). The products
 * of the fast kernels then run as fused multiply–adds. Where the engine has relaxed SIMD on already
 * (Node 22+, Chrome 114+) the kernels use it without this. Values change by rounding only (a fused
 * multiply–add rounds once), and relaxed_madd may fuse on one CPU and not on another: one machine
 * gives the same bits run after run. If the kernels were compiled without it, they are compiled again.
 * Returns whether relaxed SIMD is now in use (false where the engine has no such flag: a browser without it).
 */
export async function enableRelaxedSimd(): Promise<boolean> {
  if (!turnOnRelaxedSimdFlag()) return false;
  if (simdInstructionSet() === 'simd') await compileSimdKernels('relaxed-simd');
  return true;
}
