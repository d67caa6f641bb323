// Browser test of the citizen's voting-method switch (issue 8), in a real Chromium with
// JavaScript off on a 360 px phone: the demo citizen opens their election from /pemilu-saya,
// asks for postal voting without an address (the field error in Indonesian, the choice
// kept), then with one; the request is shown as saved.
//
//   PEDULI_BIN=build/peduli node --test test/browser/voter.spec.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';

const STEP_TIMEOUT = 90_000;

const T = catalogTexts('voter', 'election');

const env = serverAndBrowser('peduli-voter-', { timeoutMs: 60_000 });

test('the citizen switches to postal voting without JavaScript on a phone', { timeout: STEP_TIMEOUT }, async () => {
  const BASE = env.base;
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${BASE}/masuk`);
  await page.fill('input[name="email"]', 'warga@demo.peduli.test');
  await page.fill('input[name="password"]', 'peduli-demo-2026');
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')),
    page.click('form[action="/masuk"] button[type="submit"]')]);

  await page.goto(`${BASE}/pemilu-saya`);
  await Promise.all([page.waitForURL((u) => u.pathname === '/pemilu-saya/PEMILU-2029'),
    page.click('a[href="/pemilu-saya/PEMILU-2029"]')]);
  await page.selectOption('select[name="method"]', 'POS');
  await page.fill('textarea[name="postal_address"]', '');
  await Promise.all([page.waitForLoadState('load'),
    page.click('form[action="/pemilu-saya/PEMILU-2029"] button[type="submit"]')]);
  assert.equal(await page.locator('small.error').first().innerText(), T('err.election.postal_address'));
  assert.equal(await page.locator('select[name="method"]').inputValue(), 'POS', 'the choice is kept');

  await page.fill('textarea[name="postal_address"]', 'Peti Surat 12, Kuala Lumpur');
  await Promise.all([page.waitForURL((u) => u.search.includes('disimpan=1')),
    page.click('form[action="/pemilu-saya/PEMILU-2029"] button[type="submit"]')]);
  assert.equal(await page.locator('[data-requested]').innerText(), T('voter.method.pos'));
  assert.equal(await page.locator('textarea[name="postal_address"]').inputValue(), 'Peti Surat 12, Kuala Lumpur');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
  await ctx.close();
});
