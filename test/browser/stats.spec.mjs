// Browser test of the statistics dashboard (issue 7), in a real Chromium: HQ signs in with
// password and TOTP and opens /konsol/statistik; the world map (d3-geo over world-atlas)
// and the trend chart (uPlot) are drawn; axe finds no serious or critical issue; a walk-in
// Lapor Diri entered meanwhile by the Kuala Lumpur officer shows up without a reload (SSE).
//
//   PEDULI_BIN=build/peduli node --test test/browser/stats.spec.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serverAndBrowser, requireWeb } from './support/browser.mjs';
import { totp, DEMO_TOTP_SECRET } from './support/totp.mjs';

const { AxeBuilder } = requireWeb('@axe-core/playwright');

const PASSWORD = 'peduli-demo-2026';
const STEP_TIMEOUT = 120_000;

const env = serverAndBrowser('peduli-stats-', { timeoutMs: 60_000 });

// The officer's Bearer token through the JSON API (password, then a TOTP code).
async function apiToken(email) {
  const post = (p, body) => fetch(`${env.base}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                                   body: JSON.stringify(body) }).then((r) => r.json());
  const first = await post('/api/v1/sessions', { email, password: PASSWORD });
  if (first.token) return first.token;
  for (const offset of [0, 1]) {
    const done = await post('/api/v1/sessions/second-factor', { pending_token: first.pending_token, code: totp(DEMO_TOTP_SECRET, offset) });
    if (done.token) return done.token;
  }
  throw new Error(`no session for ${email}`);
}

test('the dashboard draws a map and charts, passes axe, and updates live', { timeout: STEP_TIMEOUT }, async () => {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.base}/masuk`);
  await page.fill('input[name="email"]', 'hq@demo.peduli.test');
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === '/masuk/kode'),
    page.click('form[action="/masuk"] button[type="submit"]')]);
  await page.fill('input[name="code"]', totp(DEMO_TOTP_SECRET));
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')),
    page.click('form[action="/masuk/kode"] button[type="submit"]')]);

  await page.goto(`${env.base}/konsol/statistik`);
  // The client-side map replaced the server's, and colours the countries with citizens.
  await page.waitForSelector('#stats-map.drawn svg path[data-country="MY"]', { timeout: 20_000 });
  const paths = await page.locator('#stats-map svg path').count();
  assert.ok(paths > 150, `map has ${paths} countries`);
  const my = await page.locator('#stats-map svg path[data-country="MY"]').getAttribute('fill');
  assert.notEqual(my, '#e8ecef', 'Malaysia has citizens and is coloured');
  await page.waitForSelector('#stats-trend-chart canvas', { timeout: 20_000 });
  assert.ok(await page.locator('#bars-category li').count() > 0, 'category bars');
  await page.waitForSelector('#stats-dashboard[data-live="1"]', { timeout: 10_000 });

  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);

  // A walk-in Lapor Diri at KBRI Kuala Lumpur; the open dashboard counts it without reload.
  const before = Number(await page.locator('#stats-total').textContent());
  await page.evaluate(() => { window.statsNoReload = true; });
  const token = await apiToken('petugas.kl@demo.peduli.test');
  const person = {
    identity: { nik: '3273014108900088', full_name: 'Dewi Peta', birth_place: 'Bandung', birth_date: '1990-08-01',
      sex: 'P', marital_status: 'kawin', occupation: 'Pekerja rumah tangga', education: 'sma', origin_regency: '32.73' },
    passport: { number: 'C7654399', issue_date: '2022-01-10', expiry_date: '2032-01-09', office: 'Kantor Imigrasi Kelas I Bandung' },
    stay: { country: 'MY', subdivision: 'MY-10', city: 'Shah Alam', address: 'Jalan Kebun 3', phone: '012-345 6789',
      arrival_date: '2023-05-01', category: 'student', student: { institution: 'UiTM', programme: 'Ilmu Komputer' } },
    family: [],
    emergency_contact: { name: 'Siti Aminah', relation: 'ibu', phone: '0812-3456-7890' },
  };
  const res = await fetch(`${env.base}/api/v1/walk-in`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(person) });
  assert.equal(res.status, 201, await res.text());
  const t0 = Date.now();
  await page.waitForFunction((n) => Number(document.getElementById('stats-total').textContent) === n + 1,
                             before, { timeout: 5_000 });
  const ms = Date.now() - t0;
  assert.ok(ms < 3000, `live update took ${ms} ms`);
  assert.equal(await page.evaluate(() => window.statsNoReload === true), true, 'no reload');
  await context.close();
});
