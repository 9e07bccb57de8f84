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

const settings = Object.keys(defaultControllerOptions) as (keyof ControllerOptions)[];

/**
 * The controller settings in force: `given` (entries left undefined count as omitted) over the defaults,
 * each checked. `what` names the option in messages ('controller').
 */
export function controllerOptions(given: Partial<ControllerOptions> | undefined, what = 'controller'): Readonly<ControllerOptions> {
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given))) {
    throw new InvalidArgumentError(`${what} must be an object of controller settings (${settings.join(', ')})`);
  }
  const options: ControllerOptions = { ...defaultControllerOptions };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!settings.includes(key as keyof ControllerOptions)) {
      throw new InvalidArgumentError(`${what}.${key} is not a controller setting: use ${settings.join(', ')}`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value)) throw new InvalidArgumentError(`${what}.${key}=${String(value)}: must be a number`);
    options[key as keyof ControllerOptions] = value;
  }
  const { pcoeff, icoeff, dcoeff, safety, ifactor, dfactor, dtmin } = options;
  for (const [key, value] of Object.entries({ pcoeff, icoeff, dcoeff })) {
    if (!Number.isFinite(value)) throw new InvalidArgumentError(`${what}.${key}=${value}: must be finite`);
  }
  if (!(safety > 0 && safety <= 1)) throw new InvalidArgumentError(`${what}.safety=${safety}: must be in (0, 1]`);
  if (!(ifactor >= 1)) throw new InvalidArgumentError(`${what}.ifactor=${ifactor}: must be ≥ 1`);
  if (!(dfactor > 0 && dfactor <= 1)) throw new InvalidArgumentError(`${what}.dfactor=${dfactor}: must be in (0, 1]`);
  if (!(dtmin >= 0)) throw new InvalidArgumentError(`${what}.dtmin=${dtmin}: must be ≥ 0`);
  return Object.freeze(options);
}

/**
 * Söderlind's PID step-size controller ("Digital filters in adaptive time-stepping", ACM TOMS 29,
 * 2003): h_{n+1} = h_n·safety·e_n^{-β1}·e_{n-1}^{-β2}·e_{n-2}^{-β3} with β1 = (kP + kI + kD)/k,
 * β2 = −(kP + 2kD)/k, β3 = kD/k, k the method's order. kI = 1 alone is the classic I-controller
 * (torchdiffeq's rule). As torchdiffeq, an accepted step never shrinks the next one, and a rejected
 * step is retried with the I-controller's factor.
 */
export class PidController {
  private previous = 1;
  private beforePrevious = 1;

  /** `options` as `controllerOptions` gives them (complete and checked). */
  constructor(
    private readonly options: Readonly<ControllerOptions>,
    private readonly order: number,
  ) {}

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
