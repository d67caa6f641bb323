// Browser test of the crisis safety check (issue 9, crisis-safety), in a real Chromium at
// 360 px:
//  - an active crisis of KBRI Kuala Lumpur with its citizens as audience is put in the
//    database (as crisis-alerts' send leaves it), and the demo citizen's one-tap link is
//    signed with the deployment's key (crisis_secrets), the bytes of crisis::SafetyTokens;
//  - the KL officer (JavaScript on, TOTP) opens the live counts of the crisis;
//  - the citizen answers "Saya aman" from the link with JavaScript OFF;
//  - the officer's counts change without a reload (Server-Sent Events), and the page does
//    not scroll sideways at 360 px.
//
//   PEDULI_BIN=build/peduli node --test test/browser/safety.spec.mjs
//
// SQLite only (it writes the fixture with the sqlite3 command); skipped with
// PEDULI_TEST_DATABASE set.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn as signInAt } from './support/sign_in.mjs';

const OFFICER = 'petugas.kl@demo.peduli.test';
const STEP_TIMEOUT = 120_000;
const PHONE = { viewport: { width: 360, height: 740 } };
const SKIP = Boolean(process.env.PEDULI_TEST_DATABASE);

const T = catalogTexts('safety');

let crisisId = 0;
let token = '';

const sql = (db, query) => execFileSync('sqlite3', [db, query], { encoding: 'utf8' }).trim();

// The fixture: an active crisis in Kuala Lumpur and warga's safety token.
const env = serverAndBrowser('peduli-safety-', { timeoutMs: 60_000, skip: SKIP, afterStart: async () => {
  const db = path.join(env.dataDir, 'peduli.db');
  sql(db, `INSERT INTO crises (mission_code, level, title_id, title_en, area, safety_check, state,
             created_by, created_at, activated_at)
           VALUES ('KBRI-KUALA-LUMPUR', 'danger', 'Banjir Selangor', 'Selangor floods', '{}', 1,
                   'active', 1, strftime('%s','now'), strftime('%s','now'))`);
  crisisId = Number(sql(db, 'SELECT MAX(id) FROM crises'));
  sql(db, `INSERT INTO crisis_people (crisis_id, citizen_id, stay_id, mission_code, category,
             subdivision, placed_by)
           SELECT ${crisisId}, citizen_id, id, mission_code, category, COALESCE(subdivision, ''),
                  'country' FROM stays WHERE ended_at IS NULL AND mission_code = 'KBRI-KUALA-LUMPUR'`);
  const citizen = sql(db, `SELECT c.id FROM citizens c JOIN accounts a ON a.id = c.account_id
                           WHERE a.email = 'warga@demo.peduli.test'`);
  const key = sql(db, "SELECT value FROM crisis_secrets WHERE name = 'safety_token_key'");
  token = execFileSync('python3', ['-c', `
import base64, hashlib, hmac, struct, time
key = hashlib.blake2b(${JSON.stringify(key)}.encode(), digest_size=32).digest()
body = bytes([1]) + struct.pack(">qqq", ${crisisId}, ${citizen}, int(time.time()) + 86400)
print(base64.urlsafe_b64encode(body + hmac.new(key, body, hashlib.sha512).digest()[:16]).decode().rstrip("="))
`], { encoding: 'utf8' }).trim();
} });

test('a JavaScript-off answer reaches the officer\'s live counts', { timeout: STEP_TIMEOUT, skip: SKIP }, async () => {
  const officerCtx = await env.browser.newContext(PHONE);
  const officer = await officerCtx.newPage();
  await signInAt(officer, env.base, OFFICER, { code: true });
  await officer.goto(`${env.base}/konsol/krisis/${crisisId}/hitungan`);
  await officer.waitForSelector('#safety-counts[data-updated]', { timeout: 15_000 });
  const safeCell = officer.locator('td[data-count="safe"]');
  assert.equal((await safeCell.innerText()).trim(), '0');
  const width = await officer.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the counts page scrolls sideways at 360 px (${width})`);

  const citizenCtx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const citizen = await citizenCtx.newPage();
  await citizen.goto(`${env.base}/aman/${token}`);
  const button = citizen.locator(`#safe-${crisisId}`);
  assert.equal((await button.innerText()).trim(), T('safety.im_safe'));
  await Promise.all([citizen.waitForURL((u) => u.search.includes('ok=1')), button.click()]);
  assert.match(await citizen.locator('main').innerText(), new RegExp(T('safety.thanks')));
  assert.equal(await citizen.locator('[data-status]').getAttribute('data-status'), 'safe');
  // A forged link says so plainly.
  const forged = await citizen.goto(`${env.base}/aman/${token.slice(0, -2)}AA`);
  assert.equal(forged.status(), 404);
  await citizenCtx.close();

  // The officer's page updates by itself.
  await officer.waitForFunction(
    () => document.querySelector('td[data-count="safe"]').textContent.trim() === '1',
    null, { timeout: 30_000 });
  await officerCtx.close();
});
