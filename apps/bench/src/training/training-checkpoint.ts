import * as tf from '@tensorflow/tfjs-core';
import { loadWeights, saveWeights, writeFileAtomic, type Module } from '@tfode/ncode/node';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Raised when a checkpoint folder cannot be read back; says what to do. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

interface OptimizerManifest {
  weights: Array<{ name: string; shape: number[]; dtype: 'float32' | 'int32'; offset: number }>;
}

/**
 * A run's checkpoints under `<folder>`: each snapshot is a new sub-folder (model weights through
 * @tfode/ncode's saveWeights, the optimizer's slots), and `state.json` — written atomically last —
 * names the snapshot that is complete. A crash while writing leaves the previous state.json pointing
 * at the previous, intact snapshot; older snapshots are removed only after the pointer moved.
 */
export class TrainingCheckpoint<State> {
  constructor(readonly folder: string) {}

  private get statePath(): string {
    return join(this.folder, 'state.json');
  }

  /** The last complete state, or undefined when there is none. */
  async read(): Promise<{ state: State; snapshot: string } | undefined> {
    let text: string;
    try {
      text = await readFile(this.statePath, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as { state: State; snapshot: string };
    } catch (error) {
      throw new CheckpointError(`${this.statePath} is not valid JSON (${(error as Error).message}): delete ${this.folder} and start without --resume`);
    }
  }

  /** Writes `models` and `optimizer` into a new snapshot, then points state.json at it. */
  async write(state: State, models: Record<string, Module>, optimizer?: tf.Optimizer): Promise<void> {
    const snapshot = `snapshot-${Date.now()}-${process.pid}-${Math.floor(performance.now())}`;
    const dir = join(this.folder, snapshot);
    await mkdir(dir, { recursive: true });
    for (const [name, model] of Object.entries(models)) await saveWeights(model, join(dir, name));
    if (optimizer) await saveOptimizer(optimizer, join(dir, 'optimizer'));
    await writeFileAtomic(this.statePath, `${JSON.stringify({ state, snapshot })}\n`);
    const stale = (await readdir(this.folder)).filter((entry) => entry.startsWith('snapshot-') && entry !== snapshot);
    await Promise.all(stale.map((entry) => rm(join(this.folder, entry), { recursive: true, force: true })));
  }

  /** Loads `name`'s weights from the snapshot state.json names. */
  async loadModel(snapshot: string, name: string, model: Module): Promise<void> {
    await loadWeights(model, join(this.folder, snapshot, name));
  }

  async loadOptimizer(snapshot: string, optimizer: tf.Optimizer): Promise<void> {
    await restoreOptimizer(optimizer, join(this.folder, snapshot, 'optimizer'));
  }

  async clear(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}

/**
 * Adam's running powers β₁ᵗ, β₂ᵗ (private variables of tfjs's AdamOptimizer). setWeights recomputes them
 * as pow(β, t), which differs from the running product in the last bit; saving them keeps a resumed
 * run bit-identical to an uninterrupted one.
 */
function betaPowers(optimizer: tf.Optimizer): Record<string, tf.Variable> {
  const fields = optimizer as unknown as { accBeta1?: unknown; accBeta2?: unknown };
  const out: Record<string, tf.Variable> = {};
  if (fields.accBeta1 instanceof tf.Variable) out['adam/accBeta1'] = fields.accBeta1;
  if (fields.accBeta2 instanceof tf.Variable) out['adam/accBeta2'] = fields.accBeta2;
  return out;
}

/** The optimizer's slots (Adam: iteration count, first and second moments) as `${prefix}.json` + `.bin`. */
async function saveOptimizer(optimizer: tf.Optimizer, prefix: string): Promise<void> {
  const named = [...(await optimizer.getWeights()), ...Object.entries(betaPowers(optimizer)).map(([name, tensor]) => ({ name, tensor }))];
  const parts: Uint8Array[] = [];
  const manifest: OptimizerManifest = { weights: [] };
  let offset = 0;
  for (const { name, tensor } of named) {
    const values = tensor.dataSync() as Float32Array | Int32Array;
    manifest.weights.push({ name, shape: tensor.shape, dtype: tensor.dtype === 'int32' ? 'int32' : 'float32', offset });
    const bytes = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
    parts.push(bytes);
    offset += bytes.byteLength;
  }
  await writeFile(`${prefix}.json`, JSON.stringify(manifest));
  await writeFile(`${prefix}.bin`, Buffer.concat(parts));
}

/** Restores what saveOptimizer wrote; slots match the model's variables by position (tfjs's own rule). */
async function restoreOptimizer(optimizer: tf.Optimizer, prefix: string): Promise<void> {
  let manifest: OptimizerManifest;
  let data: Buffer;
  try {
    manifest = JSON.parse(await readFile(`${prefix}.json`, 'utf8')) as OptimizerManifest;
    data = await readFile(`${prefix}.bin`);
  } catch (error) {
    throw new CheckpointError(`cannot read the optimizer state ${prefix}.json/.bin (${(error as Error).message}): start without --resume`);
  }
  const named = manifest.weights.map(({ name, shape, dtype, offset }) => {
    const size = shape.reduce((p, d) => p * d, 1);
    const buffer = data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + 4 * size);
    return { name, tensor: tf.tensor(dtype === 'int32' ? new Int32Array(buffer) : new Float32Array(buffer), shape, dtype) };
  });
  const powers = betaPowers(optimizer);
  await optimizer.setWeights(named.filter((n) => !(n.name in powers)));
  for (const n of named) if (n.name in powers) powers[n.name].assign(n.tensor);
  tf.dispose(named.map((n) => n.tensor));
}
