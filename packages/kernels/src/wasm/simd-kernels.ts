import { relaxedSimdKernelsBase64, sharedMemoryRelaxedSimdKernelsBase64, sharedMemorySimdKernelsBase64, simdKernelsBase64 } from './simd-kernels-binary';
import { isThreaded, wasmMemory, type WasmBackend } from './wasm-backend-internals';

/** The exports of simd-kernels.wat: byte offsets into the wasm heap, counts in elements. */
export interface SimdKernels {
  tanh16(x: number, y: number, blocks: number): void;
  activationGrad(y: number, dy: number, g: number, n: number, activation: number): void;
  columnSums(src: number, out: number, rows: number, cols: number): void;
  errorSquares(e: number, y0Abs: number, y1: number, y1Abs: number, n: number, rtol: number, atol: number, out: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
  matMul(a: number, b: number, out: number, m: number, n: number, cols: number, k: number, rowStride: number, depthStride: number, bias: number, start: number, relu: number): void;
  dotMatMul(a: number, aStride: number, bT: number, out: number, outStride: number, m: number, cols: number, k: number, bias: number, hasBias: number, relu: number): void;
  copyRuns(src: number, dst: number, len: number, n0: number, n1: number, n2: number, s0: number, s1: number, s2: number, d0: number, d1: number, d2: number): void;
  addRuns(src: number, dst: number, len: number, n0: number, n1: number, n2: number, s0: number, s1: number, s2: number, d0: number, d1: number, d2: number): void;
  zero(dst: number, bytes: number): void;
  addScaled(src: number, dst: number, n: number, c: number): void;
}

/** Copies n float32 values from byte offset src to dst (apart) with one contiguous run of copyRuns. */
export function copyFloats(kernels: SimdKernels, src: number, dst: number, n: number): void {
  kernels.copyRuns(src, dst, 4 * n, 1, 1, 1, 0, 0, 0, 0, 0, 0);
}

/** dst = scale·src for n float32 values at byte offsets src and dst (apart): a zeroed dst, then one addScaled. */
export function scaleFloats(kernels: SimdKernels, src: number, dst: number, n: number, scale: number): void {
  kernels.zero(dst, 4 * n);
  kernels.addScaled(src, dst, n, scale);
}

/** The activations the SIMD kernels differentiate, by the code simd-kernels.wat uses. */
export const activationCodes = { linear: 0, tanh: 1, sigmoid: 2, relu: 3 } as const;
export type DenseActivation = keyof typeof activationCodes;

/** Which build of the SIMD module runs: fixed-width SIMD only, or relaxed SIMD (fused multiply–adds in the products). */
export type SimdInstructionSet = 'simd' | 'relaxed-simd';

interface Compiled {
  instructionSet: SimdInstructionSet;
  /** For an ordinary heap (tfjs-backend-wasm's single-threaded builds). */
  plain: WebAssembly.Module;
  /** For a shared heap, a SharedArrayBuffer (its threaded build). */
  shared: WebAssembly.Module;
}
let compiled: Compiled | undefined;
let instances = new WeakMap<WebAssembly.Memory, SimdKernels>();

const decode = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
const builds: Record<SimdInstructionSet, { plain: string; shared: string }> = {
  simd: { plain: simdKernelsBase64, shared: sharedMemorySimdKernelsBase64 },
  'relaxed-simd': { plain: relaxedSimdKernelsBase64, shared: sharedMemoryRelaxedSimdKernelsBase64 },
};

/** Whether this engine validates the relaxed-SIMD build (Chrome 114+, Node 22+; Node 20 behind --experimental-wasm-relaxed-simd). */
export function hasRelaxedSimd(): boolean {
  return WebAssembly.validate(decode(relaxedSimdKernelsBase64));
}

/**
 * Compiles the SIMD module once (asynchronously, as browsers require): the relaxed-SIMD build where the
 * engine validates it, else the fixed-width one; throws where WebAssembly SIMD is missing. `prefer`
 * (for tests and benchmarks) compiles the fixed-width build even where relaxed SIMD is there, or
 * again after the engine has gained it.
 */
export async function compileSimdKernels(prefer?: SimdInstructionSet): Promise<void> {
  const wanted: SimdInstructionSet = prefer === 'simd' || !hasRelaxedSimd() ? 'simd' : 'relaxed-simd';
  if (compiled !== undefined && (prefer === undefined || compiled.instructionSet === wanted)) return;
  const build = builds[wanted];
  const [plain, shared] = [decode(build.plain), decode(build.shared)];
  if (!WebAssembly.validate(plain)) throw new Error('this WebAssembly engine has no SIMD (fixed-width 128-bit), which the fast kernels need');
  // An engine without threads cannot validate the shared variant, and has no threaded wasm backend to run it on.
  const sharedModule = WebAssembly.validate(shared) ? WebAssembly.compile(shared) : undefined;
  const modules = await Promise.all([WebAssembly.compile(plain), sharedModule]);
  compiled = { instructionSet: wanted, plain: modules[0], shared: modules[1] ?? modules[0] };
  instances = new WeakMap();
}

/** The build compileSimdKernels chose, or undefined before it has run. */
export function simdInstructionSet(): SimdInstructionSet | undefined {
  return compiled?.instructionSet;
}

/** The SIMD kernels, instantiated on the backend's own memory (once per memory). */
export function simdKernels(backend: WasmBackend): SimdKernels {
  const memory = wasmMemory(backend);
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    if (compiled === undefined) throw new Error('the SIMD kernels are not compiled: await installFastKernels() first');
    const module = isThreaded(backend) ? compiled.shared : compiled.plain;
    kernels = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}
