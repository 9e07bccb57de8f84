import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE, MLP, dataControlledODE, hebbianNCODE, lastTime } from '@tfode/ncode';
import type { ModelSolver } from '../training/model-solver';
import { LstmCell } from './lstm-cell';

/** A model that sees an episode's stimuli one after another and answers the last (the query). */
export interface Memorizer {
  name: string;
  variables: tf.Variable[];
  parameterCount: number;
  /** Stimuli [B, n] in order (presentations, then the degraded query) → the recalled pattern [B, n]. */
  recall(stimuli: tf.Tensor2D[]): tf.Tensor2D;
  /** Function evaluations of the latest recall (0 for the LSTM). */
  nfe(): number;
  dispose(): void;
}

export interface MemorizerOptions {
  bits: number;
  seed: number;
  solver: ModelSolver;
  /** Time each stimulus is shown (App C.3: 0.5). */
  duration: number;
  lstmUnits: number;
  /** LSTM steps per stimulus (App C.3 after Miconi et al.: 5). */
  lstmStepsPerStimulus: number;
}

const countOf = (variables: tf.Variable[]) => variables.reduce((n, v) => n + v.size, 0);

/** Closed-loop N-CODE with Hebbian synapses (Eq 7): x reset to each stimulus, θ carried. */
function hebbian(o: MemorizerOptions): Memorizer {
  const model = hebbianNCODE({ size: o.bits, seed: o.seed, solver: o.solver });
  let segments = 0;
  return {
    name: 'Hebbian N-CODE',
    variables: model.variables,
    parameterCount: model.parameterCount,
    recall: (stimuli) => {
      segments = stimuli.length;
      return model.presentSequence(stimuli, o.duration) as tf.Tensor2D;
    },
    nfe: () => segments * model.lastStats.forward.nfe,
    dispose: () => model.dispose(),
  };
}

/** Data-controlled NODE (App C.3 "open-loop"): ż = L([z, x_stim]) with the current stimulus, z carried from 0. */
function dataControlled(o: MemorizerOptions): Memorizer {
  const model = dataControlledODE({ dims: o.bits, hidden: [], seed: o.seed, solver: o.solver });
  let nfe = 0;
  return {
    name: 'data-controlled NODE',
    variables: model.variables,
    parameterCount: model.parameterCount,
    recall: (stimuli) => tf.tidy(() => {
      nfe = 0;
      let z: tf.Tensor = tf.zerosLike(stimuli[0]);
      for (const stimulus of stimuli) {
        z = lastTime(model.integrate(z, stimulus, [0, o.duration]).xs);
        nfe += model.lastStats.forward.nfe;
      }
      return z as tf.Tensor2D;
    }),
    nfe: () => nfe,
    dispose: () => model.dispose(),
  };
}

/** ODE-RNN (Rubanova et al.): h ← tanh(W[h, x_stim] + b) at each stimulus, then ḣ = tanh(Vh + c) with static weights; linear readout. */
function odeRnn(o: MemorizerOptions): Memorizer {
  const update = new MLP([2 * o.bits, o.bits], { seed: o.seed, outputActivation: 'tanh' });
  const dynamics = new MLP([o.bits, o.bits], { seed: o.seed + 1, outputActivation: 'tanh' });
  const readout = new MLP([o.bits, o.bits], { seed: o.seed + 2 });
  const flow = new ControlledODE({ modules: { dynamics }, field: (_t, h) => dynamics.apply(h), solver: o.solver, times: [0, o.duration] });
  const variables = [...update.variables, ...flow.variables, ...readout.variables];
  let nfe = 0;
  return {
    name: 'ODE-RNN',
    variables,
    parameterCount: countOf(variables),
    recall: (stimuli) => tf.tidy(() => {
      nfe = 0;
      let h: tf.Tensor = tf.zerosLike(stimuli[0]);
      for (const stimulus of stimuli) {
        h = lastTime(flow.integrate(update.apply(tf.concat([h, stimulus], 1))).xs);
        nfe += flow.lastStats.forward.nfe;
      }
      return readout.apply(h) as tf.Tensor2D;
    }),
    nfe: () => nfe,
    dispose: () => {
      update.dispose();
      flow.dispose();
      readout.dispose();
    },
  };
}

/** An LSTM shown each stimulus for a few steps, then a linear readout of h. */
function lstm(o: MemorizerOptions): Memorizer {
  const cell = new LstmCell(o.bits, o.lstmUnits, o.seed);
  const readout = new MLP([o.lstmUnits, o.bits], { seed: o.seed + 1 });
  const variables = [...cell.variables, ...readout.variables];
  return {
    name: `LSTM (${o.lstmUnits} units)`,
    variables,
    parameterCount: countOf(variables),
    recall: (stimuli) => tf.tidy(() => {
      let state = cell.initialState(stimuli[0].shape[0]);
      for (const stimulus of stimuli) for (let k = 0; k < o.lstmStepsPerStimulus; k++) state = cell.step(stimulus, state);
      return readout.apply(state.h) as tf.Tensor2D;
    }),
    nfe: () => 0,
    dispose: () => {
      cell.dispose();
      readout.dispose();
    },
  };
}

/** The four models of N-CODE Fig 6 right, in its order. */
export const memorizerFactories: ReadonlyArray<(options: MemorizerOptions) => Memorizer> = [hebbian, dataControlled, odeRnn, lstm];

/** Share of bits whose sign differs from the target (a 0 counts as wrong): N-CODE Fig 6's error rate; chance is 0.25 at half degradation. */
export function bitErrorRate(recalled: tf.Tensor, target: tf.Tensor): number {
  return tf.tidy(() => tf.mean(tf.cast(tf.notEqual(tf.sign(recalled), target), 'float32')).dataSync()[0]);
}
