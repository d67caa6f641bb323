// Browser test of protection cases (issue 6), in a real Chromium at 360 px:
//  - the demo citizen presses the panic button on /beranda with JavaScript OFF (a plain
//    one-tap form): an urgent case; the KL officer (JavaScript on, TOTP) sees it in the
//    case queue and opens it;
//  - someone without an account reports at /lapor-kasus (JavaScript off), gets a tracking
//    number and a secret follow link, and the link shows the report's state.
//
//   PEDULI_BIN=build/peduli node --test test/browser/protection.spec.mjs
//
// Starts its own `peduli serve --demo` on a free port with a fresh data directory.
// PEDULI_TEST_DATABASE=postgresql://... is passed on as --database.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn as signInAt } from './support/sign_in.mjs';

const CITIZEN = 'warga@demo.peduli.test';
const OFFICER = 'petugas.kl@demo.peduli.test';
const STEP_TIMEOUT = 90_000;
const PHONE = { viewport: { width: 360, height: 740 } };

const T = catalogTexts('protection');

const env = serverAndBrowser('peduli-protection-', { timeoutMs: 60_000 });

// The /masuk form (support/sign_in.mjs) on this spec's server.
const signIn = (page, email, opts) => signInAt(page, env.base, email, opts);

let panicTracking = '';

test('the panic button works without JavaScript', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, CITIZEN);
  await page.goto(`${env.base}/beranda`);
  const button = page.locator('#panic-button');
  assert.equal(await button.innerText(), T('protection.panic_button'));
  // Without JavaScript the "share my position" choice stays hidden: nothing to decide.
  assert.equal(await page.locator('#panic-share-box').isVisible(), false);
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/lindungi/')), button.click()]);
  assert.match(await page.locator('main').innerText(), new RegExp(T('protection.panic_sent')));
  panicTracking = (await page.locator('#tracking').innerText()).trim();
  assert.match(panicTracking, /^PW-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  await ctx.close();
});

test('the KL officer sees the urgent case in the queue', { timeout: STEP_TIMEOUT }, async () => {
  assert.ok(panicTracking, 'the panic step ran');
  const ctx = await env.browser.newContext(PHONE);
  const page = await ctx.newPage();
  await signIn(page, OFFICER, { code: true });
  await page.goto(`${env.base}/konsol/kasus?priority=urgent`);
  const row = page.locator('#case-queue tr', { hasText: panicTracking });
  assert.equal(await row.count(), 1);
  await Promise.all([page.waitForURL((u) => /^\/konsol\/kasus\/\d+$/.test(u.pathname)),
    row.locator('a').first().click()]);
  assert.equal((await page.locator('#tracking').innerText()).trim(), panicTracking);
  assert.match(await page.locator('main').innerText(), new RegExp(T('protection.source.panic')));
  // The duty officer was mailed.
  const mailDir = path.join(env.dataDir, 'mail', 'new');
  const mails = fs.readdirSync(mailDir).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'));
  assert.ok(mails.some((m) => m.includes(panicTracking)), 'a mail names the case');
  await ctx.close();
});

test('a report without an account gets a follow link', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${env.base}/lapor-kasus`);
  await page.fill('input[name="reporter_name"]', 'Ibu Aminah');
  await page.fill('input[name="reporter_contact"]', '+62 812 3456 7890');
  await page.fill('input[name="subject_name"]', 'Dewi Lestari');
  await page.selectOption('select[name="country"]', 'MY');
  await page.selectOption('select[name="category"]', 'missing');
  await page.fill('textarea[name="summary"]', 'Tidak ada kabar sejak tiga minggu.');
  await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/lapor-kasus/ikuti/')),
    page.click('form[action="/lapor-kasus"] button[type="submit"]')]);
  const tracking = (await page.locator('#tracking').innerText()).trim();
  assert.match(tracking, /^PW-/);
  const link = await page.locator('#follow-link').getAttribute('href');
  assert.ok(link.startsWith('/lapor-kasus/ikuti/'));
  assert.ok(!link.includes('Dewi') && !link.includes('Aminah'), 'no personal data in the link');
  const later = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
  const again = await later.newPage();
  await again.goto(`${env.base}${link}`);
  assert.equal((await again.locator('#tracking').innerText()).trim(), tracking);
  assert.equal(await again.locator('#case-state').getAttribute('data-state'), 'new');
  await later.close();
  await ctx.close();
});
