// The page: pickers and start/stop wired to one training run, the pictures redrawn as it trains.
import * as tf from '@tensorflow/tfjs-core';
import { availableBackends, switchBackend } from './backend';
import { drawBoundary } from './draw-boundary';
import { drawFlow } from './draw-flow';
import { colors } from './frame';
import { buildModel, modelKeys, modelTitles, type LabModel } from './models';
import { drawCurve } from './plot';
import { snapshot } from './snapshot';
import { makeTask, taskKeys, taskTitles, type Task } from './tasks';
import { train, type StepRecord } from './trainer';
import { readState, writeState, type BackendKey, type LabState } from './url-state';

/** What the page exposes for tests and the curious: the run's status and every step's record. */
interface LabWindow {
  status: 'loading' | 'idle' | 'training' | 'done' | 'error';
  backend: string;
  history: StepRecord[];
  error?: string;
}
declare global {
  interface Window {
    lab: LabWindow;
  }
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const controls = {
  task: element<HTMLSelectElement>('task'),
  model: element<HTMLSelectElement>('model'),
  seed: element<HTMLInputElement>('seed'),
  steps: element<HTMLInputElement>('steps'),
  backend: element<HTMLSelectElement>('backend'),
  start: element<HTMLButtonElement>('start'),
};
const canvases = {
  flow: element<HTMLCanvasElement>('flow'),
  boundary: element<HTMLCanvasElement>('boundary'),
  loss: element<HTMLCanvasElement>('loss'),
  nfe: element<HTMLCanvasElement>('nfe'),
};
const statusLine = element<HTMLSpanElement>('status');
/** Redraw the flow and the boundary every this many steps (each is a few extra solves). */
const redrawEvery = 5;

const lab: LabWindow = { status: 'loading', backend: '', history: [] };
window.lab = lab;
let state: LabState = readState(location.search);
let run: { task: Task; learner: LabModel } | null = null;
let stopRequested = false;

function setStatus(status: LabWindow['status'], text: string): void {
  lab.status = status;
  document.body.dataset.status = status;
  statusLine.textContent = text;
  controls.start.textContent = status === 'training' ? 'Stop' : 'Start';
  // The settings are those of the run: they change between runs, not during one.
  for (const input of [controls.task, controls.model, controls.seed, controls.steps, controls.backend]) input.disabled = status === 'training';
}

function fill(select: HTMLSelectElement, options: Array<[string, string]>, value: string): void {
  select.replaceChildren(...options.map(([key, title]) => new Option(title, key, false, key === value)));
}

function describe(record: StepRecord | undefined): string {
  if (!record) return `backend ${lab.backend}: ready`;
  const accuracy = record.accuracy === null ? '' : `, accuracy ${(100 * record.accuracy).toFixed(1)} %`;
  return `backend ${lab.backend}: step ${record.step + 1} / ${state.steps}, loss ${record.loss.toPrecision(3)}${accuracy}, NFE ${record.nfe}`;
}

function drawPictures(): void {
  if (!run) return;
  const snap = snapshot(run.learner, run.task);
  drawFlow(canvases.flow, snap, run.task);
  drawBoundary(canvases.boundary, snap.answer, run.task);
}

function drawCurves(): void {
  const floor = run?.task.floor;
  drawCurve(canvases.loss, lab.history.map((r) => r.loss), {
    yLabel: state.task === 'annuli' ? 'BCE' : 'MSE', logY: true, steps: state.steps,
    reference: floor === undefined ? undefined : { value: floor, label: 'var(x): best increasing map' },
  });
  drawCurve(canvases.nfe, lab.history.map((r) => r.nfe), { yLabel: 'NFE', steps: state.steps, color: colors.inner });
}

/** A fresh run from the state's seed: data, initial weights, pictures at step 0. */
function prepare(): void {
  if (run) {
    run.task.dispose();
    run.learner.model.dispose();
  }
  run = { task: makeTask(state.task, state.seed), learner: buildModel(state.task, state.model, state.seed) };
  lab.history = [];
  element('flow-title').textContent = `Flow of the points: ${modelTitles[state.model]}, ${state.task}`;
  element('boundary-title').textContent = state.task === 'annuli' ? 'Decision boundary: P(outer), training points' : 'Learned map x(0) ↦ x(1) and the target −x';
  element('loss-title').textContent = state.task === 'annuli' ? 'Training loss (binary cross-entropy)' : 'Training loss (MSE)';
  for (const item of document.querySelectorAll<HTMLLIElement>('#claims li')) item.classList.toggle('current', item.dataset.task === state.task);
  drawPictures();
  drawCurves();
}

async function trainRun(): Promise<void> {
  if (!run || lab.history.length > 0) prepare();
  stopRequested = false;
  setStatus('training', describe(undefined));
  const current = run!;
  for await (const record of train(current.learner, current.task, state.steps)) {
    lab.history.push(record);
    drawCurves();
    if ((record.step + 1) % redrawEvery === 0 || record.step + 1 === state.steps) drawPictures();
    statusLine.textContent = describe(record);
    if (stopRequested) break;
  }
  if (stopRequested) drawPictures();
  setStatus('done', `${describe(lab.history[lab.history.length - 1])}${stopRequested ? ' (stopped)' : ''}`);
}

function fail(error: unknown): void {
  lab.error = error instanceof Error ? error.message : String(error);
  setStatus('error', `error: ${lab.error}`);
  console.error(error);
}

function updateUrl(): void {
  const search = writeState({ ...state, autostart: false });
  history.replaceState(null, '', search);
  element<HTMLAnchorElement>('permalink').href = search;
  element<HTMLAnchorElement>('permalink').textContent = `${location.origin}${location.pathname}${search}`;
}

async function useBackend(name: BackendKey): Promise<void> {
  await switchBackend(name);
  lab.backend = tf.getBackend();
}

/** The settings as the controls show them, checked as a link's are; an invalid field shows its default again. */
function readControls(): void {
  const { task, model, seed, steps } = controls;
  state = readState(`?${new URLSearchParams({ task: task.value, model: model.value, seed: seed.value, steps: steps.value, backend: state.backend })}`);
  seed.value = String(state.seed);
  steps.value = String(state.steps);
}

async function start(): Promise<void> {
  fill(controls.task, taskKeys.map((k) => [k, taskTitles[k]]), state.task);
  fill(controls.model, modelKeys.map((k) => [k, modelTitles[k]]), state.model);
  controls.seed.value = String(state.seed);
  controls.steps.value = String(state.steps);
  const backends = availableBackends();
  fill(controls.backend, backends.map((k) => [k, k]), state.backend);
  let notice = '';
  try {
    await useBackend(backends.includes(state.backend) ? state.backend : 'wasm');
  } catch (error) {
    // The link asked for a backend this browser cannot start (webgpu with no adapter, say): say so, use wasm.
    notice = ` (${(error as Error).message}; using wasm instead)`;
    await useBackend('wasm');
  }
  state.backend = lab.backend as BackendKey;
  controls.backend.value = state.backend;
  updateUrl();
  prepare();
  setStatus('idle', describe(undefined) + notice);

  for (const select of [controls.task, controls.model, controls.seed, controls.steps]) {
    select.addEventListener('change', () => {
      readControls();
      updateUrl();
      prepare();
    });
  }
  controls.backend.addEventListener('change', () => {
    useBackend(controls.backend.value as BackendKey)
      .then(() => {
        state.backend = lab.backend as BackendKey;
        updateUrl();
        prepare();
        setStatus('idle', describe(undefined));
      })
      .catch((error) => {
        controls.backend.value = lab.backend;
        fail(error);
      });
  });
  element<HTMLFormElement>('controls').addEventListener('submit', (event) => {
    event.preventDefault();
    if (lab.status === 'training') stopRequested = true;
    else trainRun().catch(fail);
  });
  if (state.autostart) await trainRun();
}

start().catch(fail);
