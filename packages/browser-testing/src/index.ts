export { type BundleOptions, bundlePage } from './bundle.js';
export { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from './chromium.js';
export { conformanceFixtures } from './conformance-fixtures.js';
export { type BrowserPage, type OpenPageOptions, openPage } from './open-page.js';
export { CROSS_ORIGIN_ISOLATION, type ServeOptions, type StaticServer, serveFolders } from './serve.js';
