// What every browser spec starts from: the repository's root, the peduli binary under test,
// playwright-core from web/node_modules (npm, lockfile) driving Debian's chromium, and the
// Indonesian catalog texts the pages show.
//
//   import { ROOT, BIN, launchChromium, catalogTexts } from './support/browser.mjs';
//   const T = catalogTexts('safety');   // T('safety.answer.safe'); an unknown key throws
//   const env = serverAndBrowser('peduli-safety-', { timeoutMs: 60_000 });   // env.base, env.browser
import { after, before } from 'node:test';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

import { startServer } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Packages installed under web/ (playwright-core, @axe-core/playwright).
export const requireWeb = createRequire(path.join(ROOT, 'web/package.json'));
export const BIN = process.env.PEDULI_BIN || path.join(ROOT, 'build/peduli');

const { chromium } = requireWeb('playwright-core');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// No sandbox (CI runs as root), and nothing that reaches out to the network on its own.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// T(key) over the named catalogs (i18n/id/<name>.json, later names win); a key that is in
// none of them throws, so a renamed text fails the spec instead of matching nothing.
export function catalogTexts(...names) {
  const texts = Object.assign({}, ...names.map((n) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, `i18n/id/${n}.json`), 'utf8'))));
  return (key) => {
    if (texts[key] === undefined) throw new Error(`no text ${key} in i18n/id/{${names.join(',')}}.json`);
    return texts[key];
  };
}

// One life-cycle for every spec instead of a copy in each: registers the node:test hooks
// that start `peduli serve --demo` (support/server.mjs) and Chromium before the tests, and
// close Chromium, stop the server and delete its data directory after them (PEDULI_KEEP_DATA
// keeps the data directory). The returned object's base, server, dataDir and browser are
// filled in by `before`. Set-up that needs the server goes in afterStart, not in a spec's
// own top-level `before`: Node 20 starts top-level before hooks without waiting for the one
// registered earlier, so such a hook would not see the server yet.
// Options go to startServer (timeoutMs, ...), except
//   url         test this running server instead: base = url, no server, no data directory
//   skip        start nothing (every test of the spec is skipped)
//   afterStart  async (): runs once the server is up (or at once with url), before Chromium
//   afterStop   async (): runs after the server has stopped, before its data directory goes
export function serverAndBrowser(prefix,
  { url = '', skip = false, afterStart, afterStop, ...serverOptions } = {}) {
  const env = { base: url, server: null, dataDir: '', browser: null };
  before(async () => {
    if (skip) return;
    if (!url) {
      env.server = await startServer({ bin: BIN, root: ROOT, prefix, ...serverOptions });
      env.base = env.server.base;
      env.dataDir = env.server.dataDir;
    }
    if (afterStart) await afterStart();
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    if (env.server) await env.server.stop();
    if (afterStop) await afterStop();
    if (env.dataDir && !process.env.PEDULI_KEEP_DATA) {
      fs.rmSync(env.dataDir, { recursive: true, force: true });
    } else if (env.dataDir) {
      console.log(`data directory kept: ${env.dataDir}`);
    }
  });
  return env;
}
