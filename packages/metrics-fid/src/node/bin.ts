#!/usr/bin/env node
// The `tfode-fid` executable: choose a tfjs backend (TFODE_BACKEND, else wasm, else cpu), then run the CLI.
import * as tf from '@tensorflow/tfjs-core';
import { runCli } from './cli';

async function chooseBackend(): Promise<string> {
  const wanted = process.env.TFODE_BACKEND;
  for (const name of wanted ? [wanted] : ['wasm', 'cpu']) {
    try {
      await import(`@tensorflow/tfjs-backend-${name}`);
      if (await tf.setBackend(name)) return name;
    } catch {
      // not installed: try the next one
    }
  }
  throw new Error(`no tfjs backend available${wanted ? ` (TFODE_BACKEND=${wanted})` : ''}; install @tensorflow/tfjs-backend-wasm`);
}

chooseBackend()
  .then(() => runCli(process.argv.slice(2), { out: process.stdout, err: process.stderr }))
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
