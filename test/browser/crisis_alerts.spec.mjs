// Browser test of crisis alerts (issue 9, alerts), in a real Chromium at 360 px: HQ signs in,
// writes an alert and draws its circle on the map (a tap fills the centre fields), previews
// the reach and sends; the delivery counts show on the crisis page. Then the same form with
// JavaScript off: the plain fields alone save a crisis.
//
//   PEDULI_BIN=build/peduli node --test test/browser/crisis_alerts.spec.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn } from './support/sign_in.mjs';

const STEP_TIMEOUT = 120_000;

const env = serverAndBrowser('peduli-crisis-alerts-', { timeoutMs: 60_000 });

async function fillTexts(page, title) {
  await page.selectOption('select[name="level"]', 'danger');
  await page.fill('input[name="title_id"]', title);
  await page.fill('input[name="title_en"]', title + ' (EN)');
  await page.fill('textarea[name="text_id"]', 'Hindari daerah rendah.');
  await page.fill('textarea[name="text_en"]', 'Avoid low-lying areas.');
}

test('HQ draws a circle, previews the reach and sends', { timeout: STEP_TIMEOUT }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await signIn(page, env.base, 'hq@demo.peduli.test', { code: true });
  await page.goto(`${env.base}/konsol/krisis/baru`);
  await fillTexts(page, 'Banjir Kuala Lumpur');
  // The map is drawn; a tap on it fills the centre.
  const svg = page.locator('#crisis-map svg');
  await svg.waitFor();
  await svg.scrollIntoViewIfNeeded();
  const box = await svg.boundingBox();
  // Kuala Lumpur on the equirectangular world (lon 101.7, lat 3.1).
  await page.mouse.click(box.x + box.width * (180 + 101.7) / 360, box.y + box.height * (90 - 3.1) / 180);
  const lat = Number(await page.inputValue('input[name="centre_lat"]'));
  const lon = Number(await page.inputValue('input[name="centre_lon"]'));
  assert.ok(Math.abs(lat - 3.1) < 2 && Math.abs(lon - 101.7) < 2, `centre ${lat},${lon}`);
  // Snap to the city so the demo citizens of Kuala Lumpur are inside.
  await page.fill('input[name="centre_lat"]', '3.139');
  await page.fill('input[name="centre_lon"]', '101.687');
  await page.fill('input[name="radius_km"]', '40');
  assert.ok(await page.locator('#crisis-map path.drawn').getAttribute('d'));
  await Promise.all([page.waitForURL(/\/konsol\/krisis\/\d+/), page.click('#crisis-form button[type="submit"]')]);
  const id = page.url().match(/krisis\/(\d+)/)[1];
  await page.goto(`${env.base}/konsol/krisis/${id}/pratinjau`);
  const total = Number(await page.textContent('#reach-total'));
  assert.ok(total > 0, 'the circle reaches the demo citizens of Kuala Lumpur');
  await Promise.all([page.waitForURL(/selesai=kirim/), page.click('form[action$="/kirim"] button')]);
  const queued = Number(await page.textContent('#count-queued')) + Number(await page.textContent('#count-sent'));
  assert.ok(queued > 0);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 360 + 1, `no horizontal scroll at 360 px (${scroll})`);
  await context.close();
});

test('the form works without JavaScript', { timeout: STEP_TIMEOUT }, async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  await signIn(page, env.base, 'hq@demo.peduli.test', { code: true, stepOffset: 1 });
  await page.goto(`${env.base}/konsol/krisis/baru`);
  await fillTexts(page, 'Banjir Sabah');
  await page.fill('input[name="subdivisions"]', 'MY-12');
  // Text messages go by SMS unless the writer chooses otherwise; here, both channels.
  const T = catalogTexts('crisis');
  assert.equal(await page.inputValue('select[name="text_channels"]'), 'sms');
  await page.selectOption('select[name="text_channels"]', 'sms,whatsapp');
  await Promise.all([page.waitForURL(/\/konsol\/krisis\/\d+/), page.click('#crisis-form button[type="submit"]')]);
  const shown = await page.textContent('main, body');
  assert.match(shown, /MY-12/);
  assert.ok(shown.includes(T('crisis.text_channels.both')));
  await context.close();
});
