import { defineConfig } from 'vite';

// Cross-origin isolation gives the page SharedArrayBuffer, which js and wasm threads (Web Workers) need.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  base: './',
  server: { headers: isolation },
  preview: { headers: isolation },
  // The page loads core and the js backend first; each other backend and vega come as their own chunks when
  // used, the largest (TensorFlow.js) about 650 kB.
  build: { target: 'es2022', chunkSizeWarningLimit: 700 },
});
