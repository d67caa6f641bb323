// Browser test of consular services (issue 5), in a real Chromium: the demo citizen reads
// the catalog on a 360 px phone and files a passport renewal with three uploads with
// JavaScript off; the KL officer signs in with TOTP and moves the application on from the
// queue and opens a pickup slot for tomorrow; the citizen sees the timeline with the document
// ready, books the pickup and gets the QR code to show; the officer finds the booking on the
// day list and marks the arrival.
//
//   PEDULI_BIN=build/peduli node --test test/browser/services.spec.mjs
//
// Starts its own `peduli serve --demo` on a free port with a fresh data directory.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn as signInAt } from './support/sign_in.mjs';

const CITIZEN = 'warga@demo.peduli.test';
const OFFICER = 'petugas.kl@demo.peduli.test';
const STEP_TIMEOUT = 90_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

const T = catalogTexts('services');

const env = serverAndBrowser('peduli-services-', { timeoutMs: 60_000 });
let appPath = '';
// Tomorrow in Kuala Lumpur (the mission's time zone), YYYY-MM-DD.
const TOMORROW = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' })
  .format(new Date(Date.now() + 86_400_000));

// The /masuk form (support/sign_in.mjs) on this spec's server.
const signIn = (page, email, opts) => signInAt(page, env.base, email, opts);

test('the citizen files a passport renewal with uploads, without JavaScript, on a phone',
  { timeout: STEP_TIMEOUT }, async () => {
    const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${env.base}/layanan`);
    assert.equal(await page.locator('h1').first().innerText(), T('services.catalog_title'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the catalog scrolls sideways by ${overflow} px`);
    await signIn(page, CITIZEN);
    await page.goto(`${env.base}/layanan/ajukan/paspor-perpanjangan`);
    await page.fill('textarea[name="field.reason"], input[name="field.reason"]', 'Paspor hampir habis');
    for (const key of ['passport', 'ktp_or_kk', 'photo']) {
      await page.setInputFiles(`input[name="doc.${key}"]`, { name: `${key}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    }
    await Promise.all([page.waitForURL((u) => /^\/layanan\/saya\/\d+$/.test(u.pathname)),
      page.click('form[action="/layanan/ajukan/paspor-perpanjangan"] button[type="submit"]')]);
    appPath = new URL(page.url()).pathname;
    assert.equal(await page.locator('.app-state').getAttribute('data-state'), 'submitted');
    assert.match(await page.locator('.timeline').innerText(), new RegExp(T('services.timeline.submit')));
    await ctx.close();
  });

test('the officer moves the application on from the queue', { timeout: STEP_TIMEOUT }, async () => {
  assert.ok(appPath, 'the citizen step filed an application');
  const id = appPath.split('/').pop();
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, OFFICER, { code: true });
  await page.goto(`${env.base}/konsol/layanan`);
  await page.locator(`a[href="/konsol/layanan/${id}"]`).click();
  await page.waitForURL((u) => u.pathname === `/konsol/layanan/${id}`);
  for (const action of ['check', 'process', 'ready']) {
    await page.check(`input[name="action"][value="${action}"]`);
    await Promise.all([page.waitForURL((u) => u.search.includes('ok=1')),
      page.click(`form[action="/konsol/layanan/${id}/tindakan"] button[type="submit"]`)]);
    await page.goto(`${env.base}/konsol/layanan/${id}`);
  }
  assert.equal(await page.locator('.app-state').getAttribute('data-state'), 'ready');
  // A pickup slot tomorrow at 10:00, mission time.
  await page.goto(`${env.base}/konsol/layanan`);
  await page.locator('details:has(form[action="/konsol/layanan/slot"]) summary').click();
  await page.selectOption('#s-service', 'paspor-perpanjangan');
  await page.fill('#s-start', `${TOMORROW}T10:00`);
  await page.fill('#s-cap', '2');
  await Promise.all([page.waitForURL((u) => u.search.includes('ok=1')),
    page.click('form[action="/konsol/layanan/slot"] button[type="submit"]')]);
  await ctx.close();
});

test('the citizen sees the timeline and the document ready', { timeout: STEP_TIMEOUT }, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await signIn(page, CITIZEN);
  await page.goto(`${env.base}${appPath}`);
  assert.equal(await page.locator('.app-state').getAttribute('data-state'), 'ready');
  const timeline = await page.locator('.timeline').innerText();
  for (const key of ['services.timeline.submit', 'services.timeline.check', 'services.timeline.process',
    'services.timeline.ready']) {
    assert.match(timeline, new RegExp(T(key)));
  }
  // Book the pickup: the QR code to show at the counter appears.
  await page.check('input[name="slot_id"]');
  await Promise.all([page.waitForLoadState('load'),
    page.click(`form[action="${appPath}/janji"] button[type="submit"]`)]);
  await page.goto(`${env.base}${appPath}`);
  assert.equal(await page.locator('figure.qr svg').count(), 1, 'the booking shows its QR code');
  assert.match(await page.locator('main').innerText(), new RegExp(T('services.qr_hint')));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
  await ctx.close();
});

test('the officer finds the booking on the day list and marks the arrival', { timeout: STEP_TIMEOUT }, async () => {
  const id = appPath.split('/').pop();
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await signIn(page, OFFICER, { code: true, stepOffset: 1 });
  await page.goto(`${env.base}/konsol/layanan/hari?tanggal=${TOMORROW}`);
  const row = page.locator('tr[data-appointment]', { has: page.locator(`a[href="/konsol/layanan/${id}"]`) });
  assert.equal(await row.count(), 1, 'the booking is on tomorrow\'s list');
  await Promise.all([page.waitForLoadState('load'), row.locator('button[type="submit"]').click()]);
  await page.goto(`${env.base}/konsol/layanan/hari?tanggal=${TOMORROW}`);
  assert.equal(await page.locator('tr[data-appointment] .arrived').count(), 1, 'the arrival is marked');
  await ctx.close();
});
