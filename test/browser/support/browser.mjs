// What every browser spec starts from: the repository's root, the peduli binary under test,
// playwright-core from web/node_modules (npm, lockfile) driving Debian's chromium, and the
// Indonesian catalog texts the pages show.
//
//   import { ROOT, BIN, launchChromium, catalogTexts } from './support/browser.mjs';
//   const T = catalogTexts('safety');   // T('safety.answer.safe'); an unknown key throws
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

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
