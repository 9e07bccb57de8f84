import { InvalidArgumentError } from './errors';
import type { ControllerOptions } from './types';

export const defaultControllerOptions: ControllerOptions = {
  pcoeff: 0,
  icoeff: 1,
  dcoeff: 0,
  safety: 0.9,
  ifactor: 10,
  dfactor: 0.2,
  dtmin: 0,
};

/**
 * Söderlind's PID step-size controller ("Digital filters in adaptive time-stepping", ACM TOMS 29,
 * 2003): h_{n+1} = h_n·safety·e_n^{-β1}·e_{n-1}^{-β2}·e_{n-2}^{-β3} with β1 = (kP + kI + kD)/k,
 * β2 = −(kP + 2kD)/k, β3 = kD/k, k the method's order. kI = 1 alone is the classic I-controller
 * (torchdiffeq's rule). As torchdiffeq, an accepted step never shrinks the next one, and a rejected
 * step is retried with the I-controller's factor.
 */
export class PidController {
  private readonly options: ControllerOptions;
  private previous = 1;
  private beforePrevious = 1;

  constructor(
    options: Partial<ControllerOptions> | undefined,
    private readonly order: number,
  ) {
    this.options = { ...defaultControllerOptions, ...options };
    const { safety, ifactor, dfactor, dtmin } = this.options;
    if (!(safety > 0 && safety <= 1)) throw new InvalidArgumentError(`controller.safety=${safety}: must be in (0, 1]`);
    if (!(ifactor >= 1)) throw new InvalidArgumentError(`controller.ifactor=${ifactor}: must be ≥ 1`);
    if (!(dfactor > 0 && dfactor <= 1)) throw new InvalidArgumentError(`controller.dfactor=${dfactor}: must be in (0, 1]`);
    if (!(dtmin >= 0)) throw new InvalidArgumentError(`controller.dtmin=${dtmin}: must be ≥ 0`);
  }

  get dtmin(): number {
    return this.options.dtmin;
  }

  /** Factor for the step after an accepted step with error norm e ≤ 1. */
  accept(e: number): number {
    const { pcoeff, icoeff, dcoeff, safety, ifactor } = this.options;
    const k = this.order;
    const b1 = (pcoeff + icoeff + dcoeff) / k;
    const b2 = -(pcoeff + 2 * dcoeff) / k;
    const b3 = dcoeff / k;
    const factor =
      e === 0
        ? ifactor
        : safety * Math.pow(e, -b1) * Math.pow(this.previous, -b2) * Math.pow(this.beforePrevious, -b3);
    this.beforePrevious = this.previous;
    this.previous = Math.max(e, 1e-10);
    return Math.min(ifactor, Math.max(1, factor));
  }

  /** Factor for retrying a step rejected with error norm e > 1. */
  reject(e: number): number {
    const { safety, dfactor } = this.options;
    return Math.min(1, Math.max(dfactor, safety * Math.pow(e, -1 / this.order)));
  }
}
