// Browser test of a referral between missions (issue 6, item 5), in a real Chromium at 360 px:
//  - the KBRI Kuala Lumpur officer, JavaScript OFF, opens a case and refers it to KJRI Jeddah
//    with the citizen's consent (scope "summary": the receiver sees a masked name);
//  - the KJRI Jeddah officer signs in, finds it in /konsol/rujukan, opens it (no internal
//    note, the name masked) and accepts it.
//
//   PEDULI_BIN=build/peduli node --test test/browser/referral.spec.mjs
//
// Starts its own `peduli serve --demo` on a free port with a fresh data directory.
// PEDULI_TEST_DATABASE=postgresql://... is passed on as --database.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn as signInAt } from './support/sign_in.mjs';

const KL = 'petugas.kl@demo.peduli.test';
const JEDDAH = 'petugas.jeddah@demo.peduli.test';
const STEP_TIMEOUT = 90_000;
const PHONE = { viewport: { width: 360, height: 740 } };
const NAME = 'Wulan Sari Dewi';
const SECRET_NOTE = 'RAHASIA: agen mengancam keluarga';

const T = catalogTexts('protection');

const env = serverAndBrowser('peduli-referral-', { timeoutMs: 60_000 });

const signIn = (page, email, opts) => signInAt(page, env.base, email, opts);

// The page must fit a 360 px phone: nothing wider than the viewport.
async function assertFits(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide at 360px`);
}

let tracking = '';

test('the KL officer refers a case to Jeddah without JavaScript', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, KL, { code: true });
  await page.goto(`${env.base}/konsol/kasus/baru`);
  await page.fill('input[name="subject_name"]', NAME);
  await page.selectOption('select[name="category"]', 'wage');
  await page.fill('textarea[name="summary"]', 'Gaji enam bulan belum dibayar; majikan pindah ke Jeddah.');
  await Promise.all([page.waitForURL((u) => /^\/konsol\/kasus\/\d+$/.test(u.pathname)),
    page.click('form[action="/konsol/kasus/baru"] button[type="submit"]')]);
  tracking = (await page.locator('#tracking').innerText()).trim();
  assert.match(tracking, /^PW-/);
  const casePath = new URL(page.url()).pathname;
  // An internal note, which must never reach the receiver.
  await page.selectOption('form[action$="/tindakan"] select[name="kind"]', 'note');
  await page.fill('form[action$="/tindakan"] textarea[name="body"]', SECRET_NOTE);
  await Promise.all([page.waitForURL((u) => u.pathname === casePath),
    page.click('form[action$="/tindakan"] button[type="submit"]')]);

  // The referral form: a native <details>, opened by a tap.
  const form = page.locator('#refer-form');
  await page.locator('details', { has: form }).locator('summary').click();
  await form.locator('select[name="to_kind"]').selectOption('mission');
  await form.locator('select[name="to_mission"]').selectOption('KJRI-JEDDAH');
  await form.locator('select[name="scope"]').selectOption('summary');
  await form.locator('textarea[name="reason"]').fill('Majikan kini berada di Jeddah.');
  await form.locator('input[name="consent"]').check();
  await assertFits(page);
  await Promise.all([page.waitForURL((u) => u.pathname === casePath && u.search.includes('selesai=rujuk')),
    form.locator('button[type="submit"]').click()]);
  assert.match(await page.locator('main').innerText(), new RegExp(T('protection.referral_state.pending')));
  await ctx.close();
});

test('the Jeddah officer sees it in /konsol/rujukan and accepts it', { timeout: STEP_TIMEOUT }, async () => {
  assert.ok(tracking, 'the referral step ran');
  const ctx = await env.browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, JEDDAH, { code: true });
  await page.goto(`${env.base}/konsol/rujukan`);
  await assertFits(page);
  const row = page.locator('tr[data-referral]', { hasText: tracking });
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute('data-state'), 'pending');
  await Promise.all([page.waitForURL((u) => /^\/konsol\/rujukan\/\d+$/.test(u.pathname)),
    row.locator('a').first().click()]);
  assert.equal((await page.locator('#tracking').innerText()).trim(), tracking);
  const main = await page.locator('main').innerText();
  assert.ok(!main.includes(NAME), 'the name is masked under scope "summary"');
  assert.match(await page.locator('#subject-name').innerText(), /^W\*\*\* S\*\*\* D\*\*\*/);
  assert.ok(!main.includes(SECRET_NOTE), 'no internal note');
  await assertFits(page);
  await Promise.all([page.waitForURL((u) => u.search.includes('selesai=accept')),
    page.click('#referral-accept')]);
  assert.equal(await page.locator('#referral-state').getAttribute('data-state'), 'accepted');
  await page.goto(`${env.base}/konsol/rujukan`);
  assert.equal(await page.locator('tr[data-referral]', { hasText: tracking }).getAttribute('data-state'), 'accepted');
  await ctx.close();
});
