import * as tf from '@tensorflow/tfjs-core';
import { patchEngineMethod, tfjsEngineMethod, unpatchEngineMethod } from './engine-method-patch';
import type { TapeNodeWithAttrs } from './engine-tape-attrs';
import { isScaledBuffer, type LeanContribution, type LeanGradient } from './gradients/lean-gradient';
import { leanGradients } from './gradients/lean-gradients';
import { scaleFloats, simdKernels } from './wasm/simd-kernels';
import { allocate, heapOffset, type WasmBackend } from './wasm/wasm-backend-internals';
import { isRecordingGradients } from './engine-state';
import { disposeAll } from './dispose-all';

/** A node of tfjs-core 4.22's gradient tape, as engine.gradients walks it (with its kernel call's attributes: engine-tape-attrs). */
interface TapeNode extends TapeNodeWithAttrs {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

/** The part of tfjs-core 4.22's engine that engine.gradients uses. */
interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number; profiling: boolean; tensorInfo: WeakMap<tf.DataId, { backend: tf.KernelBackend }> };
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  tidy<T extends tf.TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T;
  gradients(f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean): { value: tf.Tensor; grads: tf.Tensor[] };
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend?: tf.KernelBackend): tf.Tensor;
}

/** A tape node on a path from xs to y, with the inputs that depend on xs (the only ones a gradient flows to), by name. */
interface PathNode {
  node: TapeNode;
  inputs: [string, tf.Tensor][];
}

/**
 * The nodes of `tape` on a path from some x of `xs` to `y`, in tape order, each with its inputs that
 * depend on xs. Inputs are walked with for…in, as tfjs-core walks them.
 */
function nodesFromXsToY(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): PathNode[] {
  const dependsOnXs = new Set<number>();
  for (const x of xs) dependsOnXs.add(x.id);
  const fromXs: PathNode[] = [];
  for (const node of tape) {
    const inputs: [string, tf.Tensor][] = [];
    for (const name in node.inputs) if (dependsOnXs.has(node.inputs[name].id)) inputs.push([name, node.inputs[name]]);
    if (inputs.length === 0) continue;
    for (const output of node.outputs) dependsOnXs.add(output.id);
    fromXs.push({ node, inputs });
  }
  const leadsToY = new Set<number>([y.id]);
  const onPath: PathNode[] = [];
  for (let i = fromXs.length - 1; i >= 0; i--) {
    const { node } = fromXs[i];
    if (!node.outputs.some((output) => leadsToY.has(output.id))) continue;
    onPath.push(fromXs[i]);
    for (const name in node.inputs) leadsToY.add(node.inputs[name].id);
  }
  return onPath.reverse();
}

/**
 * The sums of gradient contributions, one per tensor. tfjs-core 4.22 adds each new contribution with an
 * Add op and frees the previous sum: an rk4 training step of a three-layer MLP did 337 of them (each
 * weight is used by 40 evaluations of f). Here a sum this pass made itself (a first contribution that
 * a gradient function made during the pass, or an Add of two), which no other tensor's gradient is and
 * whose buffer nothing else shares, takes later contributions in place with one SIMD loop on the wasm
 * heap: the same float32 additions in the same order, no op. A contribution from outside the pass (dy,
 * a kept or captured tensor a custom gradient returns) is never written to. Where the backward pass is
 * itself recorded (a gradient of a gradient), or off wasm, every contribution is an Add op as in tfjs.
 * A gradient function may hand one tensor to several inputs (tf.customGrad returning dy for two of them):
 * a sum is freed when it is no tensor's gradient any more (tfjs 4.22 frees it while still in use).
 */
class GradientSums {
  private readonly sums = new Map<number, tf.Tensor>();
  /** The sums this pass made with an Add op. */
  private readonly own = new WeakSet<tf.Tensor>();
  /** Of how many tensors each sum is the gradient. */
  private readonly holders = new Map<tf.Tensor, number>();

  constructor(
    private readonly engine: EngineInternals,
    private readonly wasm: WasmBackend | undefined,
  ) {}

  get(tensor: tf.Tensor): tf.Tensor | undefined {
    return this.sums.get(tensor.id);
  }

  set(tensor: tf.Tensor, gradient: tf.Tensor): void {
    this.sums.set(tensor.id, gradient);
    this.holders.set(gradient, (this.holders.get(gradient) ?? 0) + 1);
  }

  /** Adds a contribution to tensor's gradient; `fresh` when the gradient function made it (then, as the first, it becomes a sum of this pass's own). */
  add(tensor: tf.Tensor, contribution: tf.Tensor, fresh: boolean): void {
    const sum = this.sums.get(tensor.id);
    if (sum === undefined) {
      if (fresh) this.own.add(contribution);
      return this.set(tensor, contribution);
    }
    if (this.takesInPlace(sum) && this.onWasm(contribution)) {
      simdKernels(this.wasm!).addScaled(heapOffset(this.wasm!, contribution), heapOffset(this.wasm!, sum), sum.size, 1);
      return;
    }
    const next = tf.add(sum, contribution);
    const holders = this.holders.get(sum)! - 1;
    this.holders.set(sum, holders);
    if (holders === 0) sum.dispose();
    this.own.add(next);
    this.set(tensor, next);
  }

  /**
   * Adds a lean gradient's contribution: into the sum in place where it can go (a buffer made for the
   * pass is then freed), else as a fresh contribution, made a tensor (a scaled buffer copied first).
   */
  addLean(tensor: tf.Tensor, contribution: LeanContribution): void {
    const wasm = this.wasm!;
    const sum = this.sums.get(tensor.id);
    const scaled = isScaledBuffer(contribution);
    const buffer = scaled ? contribution.of : contribution;
    const scale = scaled ? contribution.scale : 1;
    if (sum !== undefined && this.takesInPlace(sum)) {
      simdKernels(wasm).addScaled(heapOffset(wasm, buffer), heapOffset(wasm, sum), sum.size, scale);
      if (!scaled) wasm.disposeData(buffer.dataId);
      return;
    }
    this.add(tensor, this.engine.makeTensorFromTensorInfo(scaled ? scaledCopy(wasm, buffer, scale) : buffer, wasm), true);
  }

  /** Frees a lean gradient's buffer that goes into no sum. */
  free(buffer: tf.TensorInfo): void {
    this.wasm!.disposeData(buffer.dataId);
  }

  /** Whether later contributions can go into `sum`'s buffer: on the wasm heap, made here, one tensor's gradient and its buffer's only user. */
  private takesInPlace(sum: tf.Tensor): boolean {
    const { wasm } = this;
    if (wasm === undefined || this.engine.state.gradientDepth > 0 || !this.own.has(sum) || this.holders.get(sum) !== 1) return false;
    return this.onWasm(sum) && wasm.refCount(sum.dataId) === 1;
  }

  private onWasm(t: tf.Tensor): boolean {
    return this.wasm !== undefined && this.engine.state.tensorInfo.get(t.dataId)?.backend === this.wasm;
  }
}

/** The id the engine gives its next tensor (tfjs-core 4.22 numbers tensors from one counter): a tensor with a larger or equal id was made after this call. */
function nextTensorId(engine: EngineInternals): number {
  return (engine.constructor as unknown as { nextTensorId: number }).nextTensorId;
}

/** Walks the path backward from the gradients in `sums`, adding each node's input gradients to them. */
function backpropagate(engine: EngineInternals, path: PathNode[], sums: GradientSums): void {
  for (let i = path.length - 1; i >= 0; i--) {
    const { node, inputs } = path[i];
    if (node.gradient == null) throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    const dys = node.outputs.map((output) => sums.get(output) ?? null);
    const lean = leanGradientOf(engine, node, dys);
    if (lean !== undefined) {
      backpropagateLean(inputs, lean(dys as tf.Tensor[], node.saved ?? [], node.attrs!), sums);
      continue;
    }
    const madeFrom = nextTensorId(engine);
    const inputGradients = node.gradient(dys);
    // one scope for all of the node's input gradients (tfjs opens one per input): what they make on the way is freed with it
    const dxs = engine.tidy(() => inputs.map(([name, x]) => checkedInputGradient(node, inputGradients, name, x)));
    for (let j = 0; j < inputs.length; j++) sums.add(inputs[j][1], dxs[j], dxs[j].id >= madeFrom && !dxs[j].kept);
  }
}

/**
 * The node's lean gradient, where it takes the fast gradient and nothing watches the backward pass: one of
 * this package's kernels on wasm, every output with a gradient, the pass not itself recorded (a gradient
 * of a gradient), profiled (tf.profile lists the backward kernels) or debugged.
 */
function leanGradientOf(engine: EngineInternals, node: TapeNode, dys: (tf.Tensor | null)[]): LeanGradient | undefined {
  const lean = Object.hasOwn(leanGradients, node.kernelName) ? leanGradients[node.kernelName] : undefined;
  // isRecordingGradients: the rule by which the installed gradients take their fast path (install-fast-kernels)
  if (lean === undefined || node.attrs === undefined || isRecordingGradients() || engine.state.profiling || tf.env().getBool('DEBUG')) return undefined;
  return dys.every((dy) => dy !== null) ? lean : undefined;
}

/** Adds a lean gradient's contributions to the sums of the node's inputs on a path from xs, and frees the buffers of the others, also when adding throws. */
function backpropagateLean(inputs: [string, tf.Tensor][], contributions: Record<string, LeanContribution>, sums: GradientSums): void {
  let taken = 0;
  try {
    while (taken < inputs.length) {
      const [name, x] = inputs[taken];
      const contribution = contributions[name];
      if (contribution === undefined) throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(contributions)}.`);
      taken++; // taken before it is added: one that throws on the way is not freed twice
      sums.addLean(x, contribution);
    }
  } finally {
    // the contributions not taken: those to inputs off the path, and, where adding threw, those after
    for (const name in contributions) {
      const contribution = contributions[name];
      if (!isScaledBuffer(contribution) && !takenAmong(inputs, taken, name)) sums.free(contribution);
    }
  }
}

/** Whether one of the first `count` inputs is called `name` (a node has a few inputs: a scan, no set). */
function takenAmong(inputs: [string, tf.Tensor][], count: number, name: string): boolean {
  for (let i = 0; i < count; i++) if (inputs[i][0] === name) return true;
  return false;
}

/** scale·buffer in a new backend buffer. */
function scaledCopy(wasm: WasmBackend, buffer: tf.TensorInfo, scale: number): tf.TensorInfo {
  const copy = allocate(wasm, buffer.shape);
  scaleFloats(simdKernels(wasm), heapOffset(wasm, buffer), heapOffset(wasm, copy), tf.util.sizeFromShape(buffer.shape), scale);
  return copy;
}

/** The gradient of node's input `name` (x), with tfjs-core 4.22's checks and errors. */
function checkedInputGradient(node: TapeNode, inputGradients: Record<string, () => tf.Tensor>, name: string, x: tf.Tensor): tf.Tensor {
  if (!(name in inputGradients)) {
    throw new Error(`Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`);
  }
  const dx = inputGradients[name]();
  if (dx.dtype !== 'float32') {
    throw new Error(`Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`);
  }
  if (!tf.util.arraysEqual(dx.shape, x.shape)) {
    throw new Error(
      `Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`,
    );
  }
  return dx;
}

/**
 * engine.gradients of tfjs-core 4.22 (what tf.grads, tf.variableGrads and optimizer.minimize call),
 * with the gradient sums of GradientSums; the same contract, results and errors otherwise.
 */
function gradientsSummingInPlace(this: EngineInternals, f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients = false) {
  if (tf.getBackend() !== 'wasm') return tfjsEngineMethod<EngineInternals['gradients']>(this, 'gradients').call(this, f, xs, dy, allowNoGradients);
  tf.util.assert(xs.length > 0, () => 'gradients() received an empty list of xs.');
  if (dy != null && dy.dtype !== 'float32') throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
  const y = this.scopedRun(() => this.startTape(), () => this.endTape(), () => this.tidy('forward', f));
  tf.util.assert(y instanceof tf.Tensor, () => 'The result y returned by f() must be a tensor.');
  const path = nodesFromXsToY(this.state.activeTape!, xs, y);
  if (!allowNoGradients && path.length === 0) {
    throw new Error('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.');
  }
  try {
    return this.tidy('backward', () => {
      const sums = new GradientSums(this, tf.findBackend('wasm') as WasmBackend);
      sums.set(y, dy ?? tf.ones(y.shape));
      backpropagate(this, path, sums);
      const grads = xs.map((x) => sums.get(x)!);
      if (this.state.gradientDepth === 0) releaseTape(this);
      return { value: y, grads };
    });
  } catch (error) {
    // A gradient function threw: nothing will differentiate this tape or use y (tfjs 4.22 keeps both).
    if (this.state.gradientDepth === 0) {
      releaseTape(this);
      if (!xs.includes(y)) y.dispose();
    }
    throw error;
  }
}

/** Frees what the tape's nodes saved for the backward pass and drops the tape: it is not itself being differentiated. */
function releaseTape(engine: EngineInternals): void {
  for (const node of engine.state.activeTape ?? []) disposeAll(node.saved ?? []);
  engine.state.activeTape = null;
}

/** Installs gradientsSummingInPlace on tfjs's engine (idempotent). */
export function installInPlaceGradientSums(): void {
  patchEngineMethod('gradients', gradientsSummingInPlace);
}

/** Puts tfjs's own engine.gradients back. */
export function uninstallInPlaceGradientSums(): void {
  unpatchEngineMethod('gradients');
}
