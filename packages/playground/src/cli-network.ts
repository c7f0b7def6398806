// The CLI's network scenario runner, imported without the package index: the index also loads the command-line
// modules, which need Node (child_process, fs) and fail in a page served unbundled by the dev server.
export { loadNetworkScenario } from '../../cli/dist/network/parse-network-scenario.js';
export { simulateNetwork } from '../../cli/dist/network/run-network.js';
