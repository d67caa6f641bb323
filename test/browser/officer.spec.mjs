// Browser test of the officer console, in a real Chromium: the demo citizen sees their
// report waiting; the KL officer signs in with password and TOTP, searches the citizen by
// name, opens the record, gives a purpose, verifies the report; the citizen sees it verified.
// One more check: the work queue is usable on a 360 px phone.
//
//   PEDULI_BIN=build/peduli node --test test/browser/officer.spec.mjs
//
// Starts its own `peduli serve --demo` on a free port with a fresh data directory.
// PEDULI_TEST_DATABASE=postgresql://... is passed on as --database.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn as signInAt } from './support/sign_in.mjs';

const CITIZEN = 'warga@demo.peduli.test';
const OFFICER = 'petugas.kl@demo.peduli.test';
const STEP_TIMEOUT = 90_000;

const T = catalogTexts('console');

const env = serverAndBrowser('peduli-officer-', { timeoutMs: 60_000 });

// The /masuk form (support/sign_in.mjs) on this spec's server.
const signIn = (page, email, opts) => signInAt(page, env.base, email, opts);

async function reviewState(page) {
  await page.goto(`${env.base}/beranda`);
  return page.locator('#review-state').getAttribute('data-review-state');
}

let fullName = '';

test('the citizen sees their report waiting for review', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await signIn(page, CITIZEN);
  assert.equal(await reviewState(page), 'submitted');
  assert.match(await page.locator('#review-state').innerText(), new RegExp(T('console.state.submitted')));
  const me = await (await page.request.get(`${env.base}/api/v1/me/lapor-diri`)).json();
  fullName = me.identity.full_name;
  assert.equal(me.review.state, 'submitted');
  await ctx.close();
});

test('the officer signs in with TOTP, searches, opens the record with a purpose and verifies',
  { timeout: STEP_TIMEOUT }, async () => {
    assert.ok(fullName, 'the citizen step found the name');
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await signIn(page, OFFICER, { code: true });
    await page.goto(`${env.base}/konsol`);
    assert.equal(await page.locator('h1').first().innerText(), T('console.title'));

    await page.click(`a[href="/konsol/cari"]`);
    await page.waitForURL((u) => u.pathname === '/konsol/cari');
    await page.selectOption('select[name="kind"]', 'name');
    await page.fill('input[name="q"]', fullName);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/konsol/cari') && r.request().method() === 'POST'),
      page.click('form[action="/konsol/cari"] button[type="submit"]')]);
    const hit = page.locator('ul.console-list a', { hasText: fullName }).first();
    await hit.waitFor();
    assert.ok(!page.url().includes(encodeURIComponent(fullName.split(' ')[0])),
      'the search terms are not in the URL');

    await hit.click();
    await page.waitForURL((u) => u.pathname === '/konsol/tujuan');
    await page.check('input[name="purpose"][value="verifikasi"]');
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/konsol/warga/')),
      page.click('form[action="/konsol/tujuan"] button[type="submit"]')]);
    await page.locator('h1', { hasText: fullName }).waitFor();
    assert.equal(await page.locator('[data-review-state]').getAttribute('data-review-state'), 'submitted');

    await page.selectOption('select[name="decision"]', 'verify');
    await Promise.all([page.waitForURL((u) => u.search.includes('keputusan=1')),
      page.click('form[action$="/keputusan"] button[type="submit"]')]);
    await page.locator('[data-review-state="verified"]').waitFor();
    await ctx.close();
  });

test('the citizen sees the report verified', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await signIn(page, CITIZEN);
  assert.equal(await reviewState(page), 'verified');
  assert.match(await page.locator('#review-state').innerText(), new RegExp(T('console.state.verified')));
  await ctx.close();
});

test('the work queue is usable on a 360 px phone', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  // The same account again within 30 s: the next time step's code (no replay).
  await signIn(page, OFFICER, { code: true, stepOffset: 1 });
  await page.goto(`${env.base}/konsol`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
  const first = page.locator('ul.console-list a').first();
  await first.waitFor();
  const box = await first.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 360, 'the first report is on screen');
  await page.locator('a[data-tab="laporan-correction_requested"]').click();
  await page.waitForURL((u) => u.search.includes('state=correction_requested'));
  await ctx.close();
});
