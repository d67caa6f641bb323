// TOTP codes of a staff account's secret for browser tests (RFC 6238: SHA-1, 6 digits,
// 30 s), through the `otpauth` package from web/node_modules.
//
//   import { totp, DEMO_TOTP_SECRET } from './support/totp.mjs';
//   await page.fill('#code', totp(DEMO_TOTP_SECRET));
//
// The server accepts each time step once per account (no replay) and the steps next to its
// clock: signing the same account in twice within 30 s needs stepOffset = 1 the second
// time (or waiting for the next step).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(
  path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../web/package.json'));
const { TOTP, Secret } = require('otpauth');

// Every demo staff account's secret: demo::kDemoTotpSecret in src/demo/seed.h. Demo only.
export const DEMO_TOTP_SECRET = 'PEDULIWNIDEMOTOTPSECRET234567ABC';

// The code of `secret` (base32) for the current time step plus `stepOffset` (-1, 0 or 1).
export function totp(secret, stepOffset = 0) {
  const t = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30,
                       secret: Secret.fromBase32(secret) });
  return t.generate({ timestamp: Date.now() + stepOffset * 30 * 1000 });
}
