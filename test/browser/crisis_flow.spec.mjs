// Browser test of the whole crisis loop (issue 9, Tests: "an officer draws a circle on the map,
// previews the reach, and sends. The citizen answers from the email link with JavaScript off,
// and the mission's list updates without a reload"), in a real Chromium at 360 px:
//  - KBRI Kuala Lumpur's supervisor (TOTP) writes an alert with a safety check, taps the map
//    for the circle's centre, previews the reach and sends;
//  - the outbox Sender delivers the alert to the server's Maildir (DATA/mail/new); the spec
//    reads the two demo citizens' mails (warga, tetangga) and takes the one-tap /aman/ link;
//  - with JavaScript OFF, warga answers "Saya aman" and tetangga "Butuh bantuan" with a
//    message and a typed position;
//  - the mission's counts page, open all along in the KL officer's browser (JavaScript on), shows 1 safe and 1 needing
//    help without a reload (Server-Sent Events), and the call list shows who still has no
//    answer.
//
//   PEDULI_BIN=build/peduli node --test test/browser/crisis_flow.spec.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { readMails } from './support/mail.mjs';
import { serverAndBrowser, catalogTexts } from './support/browser.mjs';
import { signIn } from './support/sign_in.mjs';

const SUPERVISOR = 'supervisor.kl@demo.peduli.test';
const OFFICER = 'petugas.kl@demo.peduli.test';
const SAFE_CITIZEN = 'warga@demo.peduli.test';
const HELP_CITIZEN = 'tetangga@demo.peduli.test';
const PHONE = { viewport: { width: 360, height: 800 } };
const STEP_TIMEOUT = 180_000;

const T = catalogTexts('safety');

const env = serverAndBrowser('peduli-crisis-flow-', { timeoutMs: 60_000 });

// The one-tap link of the crisis alert mailed to `email`, as a path on the test server.
async function safetyLink(email, title) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const mail = readMails(path.join(env.dataDir, 'mail'))
      .find((m) => (m.headers.to || '').toLowerCase().includes(email) && m.body.includes(title));
    if (mail) {
      const m = mail.body.match(/https?:\/\/[^\s<>"]+(\/aman\/[A-Za-z0-9_-]+)/);
      assert.ok(m, `the alert to ${email} carries a one-tap link:\n${mail.body}`);
      assert.match(mail.body, /Apakah Anda aman\?/);
      return m[1];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const log = fs.readFileSync(env.server.log, 'utf8').split('\n').slice(-20).join('\n');
  throw new Error(`no alert mail to ${email} within 60 s; server log:\n${log}`);
}

test('circle, preview, send; answers from the mailed links without JavaScript; live counts',
  { timeout: STEP_TIMEOUT }, async () => {
    const title = `Banjir Kuala Lumpur ${Date.now() % 100000}`;
    // ---- the supervisor writes the alert and draws its circle (JavaScript on)
    const officerCtx = await env.browser.newContext(PHONE);
    const officer = await officerCtx.newPage();
    await signIn(officer, env.base, SUPERVISOR, { code: true });
    await officer.goto(`${env.base}/konsol/krisis/baru`);
    // A supervisor's header (console, administration, audit, sign-out, language) wraps.
    const formWidth = await officer.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(formWidth <= 361, `the supervisor's page scrolls sideways at 360 px (${formWidth})`);
    await officer.selectOption('select[name="level"]', 'danger');
    await officer.fill('input[name="title_id"]', title);
    await officer.fill('input[name="title_en"]', `${title} (EN)`);
    await officer.fill('textarea[name="text_id"]', 'Hindari daerah rendah. Jawab tautan di bawah.');
    await officer.fill('textarea[name="text_en"]', 'Avoid low-lying areas. Answer the link below.');
    const svg = officer.locator('#crisis-map svg');
    await svg.waitFor();
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    // A tap on Kuala Lumpur (lon 101.7, lat 3.1) on the equirectangular world fills the centre.
    await officer.mouse.click(box.x + box.width * (180 + 101.7) / 360, box.y + box.height * (90 - 3.1) / 180);
    const lat = Number(await officer.inputValue('input[name="centre_lat"]'));
    const lon = Number(await officer.inputValue('input[name="centre_lon"]'));
    assert.ok(Math.abs(lat - 3.1) < 2 && Math.abs(lon - 101.7) < 2, `centre ${lat},${lon}`);
    // Snap to the city centre (a tap at 360 px is a degree wide) and give the radius.
    await officer.fill('input[name="centre_lat"]', '3.139');
    await officer.fill('input[name="centre_lon"]', '101.687');
    await officer.fill('input[name="radius_km"]', '30');
    assert.ok(await officer.locator('#crisis-map path.drawn').getAttribute('d'), 'the circle is drawn');
    await officer.check('input[name="safety_check"]');
    await Promise.all([officer.waitForURL(/\/konsol\/krisis\/\d+/), officer.click('#crisis-form button[type="submit"]')]);
    const id = officer.url().match(/krisis\/(\d+)/)[1];

    // ---- the preview: who the circle reaches, before anything is sent
    await officer.goto(`${env.base}/konsol/krisis/${id}/pratinjau`);
    const reach = Number(await officer.textContent('#reach-total'));
    assert.ok(reach >= 2, `the circle reaches the demo citizens of Kuala Lumpur (${reach})`);
    await Promise.all([officer.waitForURL(/selesai=kirim/), officer.click('form[action$="/kirim"] button')]);

    // ---- the mission's counts, open all along in the KL officer's browser (JavaScript on)
    const watchCtx = await env.browser.newContext(PHONE);
    const counts = await watchCtx.newPage();
    await signIn(counts, env.base, OFFICER, { code: true });
    await counts.goto(`${env.base}/konsol/krisis/${id}/hitungan`);
    await counts.waitForSelector('#safety-counts[data-updated]', { timeout: 15_000 });
    const cell = (key) => counts.locator(`td[data-count="${key}"]`);
    assert.equal((await cell('safe').innerText()).trim(), '0');
    assert.equal((await cell('needs_help').innerText()).trim(), '0');
    assert.equal(Number((await cell('no_answer').innerText()).trim()), reach);
    const width = await counts.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 361, `the counts page scrolls sideways at 360 px (${width})`);
    // Nothing reloads this page from here on: a marker set now must survive to the end.
    await counts.evaluate(() => { window.__noReload = 'still here'; });

    // ---- the outbox Sender mails the alert; each citizen's mail carries their own link
    const safePath = await safetyLink(SAFE_CITIZEN, title);
    const helpPath = await safetyLink(HELP_CITIZEN, title);
    assert.notEqual(safePath, helpPath, 'each citizen has a personal link');

    // ---- warga answers "safe" with JavaScript off
    const citizenCtx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const citizen = await citizenCtx.newPage();
    await citizen.goto(`${env.base}${safePath}`);
    assert.match(await citizen.locator('main').innerText(), new RegExp(title));
    const safeButton = citizen.locator(`#safe-${id}`);
    assert.equal((await safeButton.innerText()).trim(), T('safety.im_safe'));
    await Promise.all([citizen.waitForURL((u) => u.search.includes('ok=1')), safeButton.click()]);
    assert.match(await citizen.locator('main').innerText(), new RegExp(T('safety.thanks')));
    assert.equal(await citizen.locator('[data-status]').getAttribute('data-status'), 'safe');
    const citizenWidth = await citizen.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(citizenWidth <= 361, `the answer page scrolls sideways at 360 px (${citizenWidth})`);
    await citizenCtx.close();

    await counts.waitForFunction(
      () => document.querySelector('td[data-count="safe"]').textContent.trim() === '1',
      null, { timeout: 30_000 });

    // ---- tetangga needs help: the details open without JavaScript, a message and a position
    const helpCtx = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const helper = await helpCtx.newPage();
    await helper.goto(`${env.base}${helpPath}`);
    await helper.locator(`#krisis-${id} details summary`).click();
    assert.equal(await helper.locator(`#geo-${id}`).isVisible(), false, 'no location button without JavaScript');
    await helper.fill(`#m-${id}`, 'Air masuk rumah, kami di lantai dua.');
    // A bad position comes back as a field error, with what was typed kept.
    await helper.fill(`#p-${id}`, '3.15 101.70');
    await helper.click(`#help-${id}`);
    assert.equal(await helper.inputValue(`#m-${id}`), 'Air masuk rumah, kami di lantai dua.');
    assert.equal(await helper.getAttribute(`#p-${id}`, 'aria-invalid'), 'true');
    await helper.fill(`#p-${id}`, '3.15,101.70');
    await Promise.all([helper.waitForURL((u) => u.search.includes('help=1')), helper.click(`#help-${id}`)]);
    assert.match(await helper.locator('main').innerText(), new RegExp(T('safety.help_coming')));
    assert.equal(await helper.locator('[data-status]').getAttribute('data-status'), 'needs_help');
    await helpCtx.close();

    // ---- with JavaScript on, "use my location" fills the same typed field (nothing is sent)
    const geoCtx = await env.browser.newContext({ ...PHONE, geolocation: { latitude: 3.1516, longitude: 101.6942 },
      permissions: ['geolocation'] });
    const geo = await geoCtx.newPage();
    await geo.goto(`${env.base}${safePath}`);
    await geo.locator(`#krisis-${id} details summary`).click();
    const locate = geo.locator(`#geo-${id}`);
    assert.equal((await locate.innerText()).trim(), T('safety.use_location'));
    await locate.click();
    await geo.waitForFunction((sel) => document.querySelector(sel).value !== '', `#p-${id}`);
    assert.equal(await geo.inputValue(`#p-${id}`), '3.15160,101.69420');
    await geoCtx.close();

    // ---- the counts moved by themselves (SSE), and the page was never reloaded
    await counts.waitForFunction(
      () => document.querySelector('td[data-count="needs_help"]').textContent.trim() === '1',
      null, { timeout: 30_000 });
    assert.equal((await cell('safe').innerText()).trim(), '1');
    assert.equal(Number((await cell('no_answer').innerText()).trim()), reach - 2);
    assert.equal(await counts.evaluate(() => window.__noReload), 'still here');

    // ---- the call list holds only who has not answered
    await officer.goto(`${env.base}/konsol/krisis/${id}/belum-terdata`);
    assert.ok(await officer.locator('[data-status="no_answer"]').count() > 0);
    assert.equal(await officer.locator('[data-status="safe"], [data-status="needs_help"]').count(), 0);
    await watchCtx.close();
    await officerCtx.close();
  });
