// Full-batch Adam on the task, one step at a time, handing the page back between steps.
import * as tf from '@tensorflow/tfjs-core';
import type { LabModel } from './models';
import type { Task } from './tasks';

export interface StepRecord {
  step: number;
  loss: number;
  /** Forward function evaluations of the step's solve. */
  nfe: number;
  /** Training accuracy of the step's prediction (annuli), else null. */
  accuracy: number | null;
}

/**
 * Trains `lab` on `task` for `steps` Adam steps, yielding each step's record after the page has had a
 * frame to draw. Stop early by leaving the loop (`break`); the optimizer is disposed either way.
 */
export async function* train(lab: LabModel, task: Task, steps: number): AsyncGenerator<StepRecord> {
  const optimizer: tf.Optimizer = tf.train.adam(task.learningRate);
  try {
    for (let step = 0; step < steps; step++) {
      let prediction: tf.Tensor | undefined;
      const { value, grads } = tf.variableGrads(() => {
        prediction = tf.keep(lab.predict(task.x));
        return task.loss(prediction);
      }, lab.model.variables);
      const nfe = lab.model.lastStats.forward.nfe;
      optimizer.applyGradients(grads);
      tf.dispose(grads);
      const loss = (await value.data())[0];
      const accuracy = task.accuracy ? task.accuracy(prediction!) : null;
      tf.dispose([value, prediction!]);
      await tf.nextFrame();
      yield { step, loss, nfe, accuracy };
    }
  } finally {
    optimizer.dispose();
  }
}
