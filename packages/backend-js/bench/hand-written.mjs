// The hand-written ELIF baselines live in the package (src/hand-written-elif.ts) so that the CLI's
// `synapticflow bench` and this script divide by the same loops.
export { froundElifLoop as froundLoop, plainElifLoop as plainLoop } from '../dist/index.js';
