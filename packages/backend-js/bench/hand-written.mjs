// The hand-written ELIF baselines live with the CLI's bench (packages/cli/src/bench/hand-written-elif.ts), so
// that `synapticflow bench` and this script divide by the same loops; a backend holds no model-specific code.
export {
  froundElifLoop as froundLoop,
  plainElifLoop as plainLoop,
} from '../../cli/dist/bench/hand-written-elif.js';
