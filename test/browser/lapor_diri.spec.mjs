// Browser test of the citizen's Lapor Diri journey, in a real Chromium at 360×740.
//
//   test/browser/run.sh            (or: node --test test/browser/lapor_diri.spec.mjs)
//
// Starts its own `peduli serve --demo` on a free port with a fresh data directory, unless
// PEDULI_URL is set (then PEDULI_TEST_MAILDIR must name that server's Maildir, DATA/mail).
// PEDULI_TEST_DATABASE=postgresql://... is passed on as --database. Screenshots (one per
// page, full page) and report.txt / report.json go to build/screenshots/.
//
// The journey is run twice, with JavaScript on and off. Each step is a test; a step whose
// failure leaves nothing for the next ones to work on skips the rest of its run. Checks
// that do not block the journey (a page that renders wrongly, accessibility, page weight,
// layout) are reported as failures without stopping it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, serverAndBrowser, requireWeb } from './support/browser.mjs';
import { readMails } from './support/mail.mjs';

const { AxeBuilder } = requireWeb('@axe-core/playwright');

const VIEWPORT = { width: 360, height: 740 };
const SHOTS = process.env.PEDULI_SCREENSHOTS || path.join(ROOT, 'build/screenshots');
const WEIGHT_LIMIT = 100 * 1024;  // bytes transferred per Lapor Diri page, cold cache
const STEP_TIMEOUT = 90_000;

// ---------------------------------------------------------------- texts and test data

const catalogs = {
  id: JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n/id.json'), 'utf8')),
  en: JSON.parse(fs.readFileSync(path.join(ROOT, 'i18n/en.json'), 'utf8')),
};
const T = (key, lang = 'id') => {
  const v = catalogs[lang][key];
  if (v === undefined) throw new Error(`no text ${key} in i18n/${lang}.json`);
  return v;
};

const DAY = 86_400_000;
const isoDay = (offsetDays) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;
// A unique NIK serial per run and journey: 0001..9999, never 0000.
const serialBase = (Math.floor(Date.now() / 1000) + process.pid) % 9000;
const serial = (n) => String(1 + ((serialBase + n * 997) % 9999)).padStart(4, '0');

// Woman born 1 August 1990 in Kota Bandung (district 32.73.01): the NIK day is 01 + 40.
function citizen(n) {
  const s = serial(n);
  return {
    name: 'Đặng Siti Nur\'aini',
    initials: 'Đ. S. N.',
    nik: `327301410890${s}`,
    wrongSexNik: `327301010890${s}`,  // the day without +40: a man's NIK
    birthPlace: 'Bandung',
    birthDate: '1990-08-01',
    sex: 'P',
    marital: 'kawin',
    occupation: 'Pekerja perkebunan',
    education: 'sma',
    regency: '32.73',
    passport: 'C' + String(1000000 + Number(s)).slice(-7),
    passportIssue: isoDay(-730),
    passportExpiry: isoDay(1095),
    passportOffice: 'Kantor Imigrasi Kelas I Bandung',
    country: 'MY',
    countryName: 'Malaysia',
    category: 'pmi',
    subdivision: 'MY-12',
    subdivisionName: 'Sabah',
    city: 'Tawau',
    mission: 'KRI Tawau',
    address: 'Taman Megah, Lorong 3 No. 12, 91000 Tawau',
    phone: '012-345 6789',
    arrival: isoDay(-400),
    expectedEnd: isoDay(330),
    employer: 'Syarikat Ladang Sawit Tawau Sdn. Bhd.',
    employerAddress: 'Batu 5, Jalan Apas, 91000 Tawau',
    sector: 'formal',
    agency: 'PT Jasa Tenaga Mandiri',
    contractEnd: isoDay(330),
    family: { name: 'Ahmad Fauzi', relation: 'spouse', birthDate: '1988-03-15' },
    emergency: { name: 'Siti Aminah', relation: 'Ibu', phone: '0812-3456-7890' },
    moveCity: 'Sandakan',
    moveAddress: 'Jalan Leila, Taman Indah Jaya Blok B No. 7, 90000 Sandakan',
    moveArrival: isoDay(-30),
    moveMission: 'KJRI Kota Kinabalu',
    returnDate: isoDay(0),
  };
}

// ---------------------------------------------------------------- server

// PEDULI_URL: that running server, else a fresh `peduli serve --demo`. Once it is up, the
// old screenshots go; after it stops, the report and a copy of its log go to SHOTS.
const env = serverAndBrowser('peduli-browser-', {
  url: process.env.PEDULI_URL ? process.env.PEDULI_URL.replace(/\/+$/, '') : '',
  afterStart: async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const f of fs.readdirSync(SHOTS)) {
      if (/^(js|nojs|dup)-.*\.(png|pdf|json)$/.test(f)) fs.rmSync(path.join(SHOTS, f));
    }
    if (env.server) {
      serverLog = env.server.log;
      MAILDIR = path.join(env.dataDir, 'mail');
    }
    report.base = env.base;
  },
  afterStop: async () => {
    writeReport();
    if (serverLog && fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(SHOTS, 'server.log'));
  },
});
let MAILDIR = process.env.PEDULI_TEST_MAILDIR || '';
let serverLog = '';
const report = { started: new Date().toISOString(), base: '', pages: [], notes: [] };

function logTail(n = 15, onlyTrouble = false) {
  if (!serverLog || !fs.existsSync(serverLog)) return '(server log not available: PEDULI_URL server)';
  let lines = fs.readFileSync(serverLog, 'utf8').split('\n').filter(Boolean);
  if (onlyTrouble) {
    lines = lines.filter((l) => !l.startsWith('{') || /"level":"(warn|error)"|"status":[45]\d\d/.test(l));
  }
  return lines.slice(-n).join('\n');
}

// ---------------------------------------------------------------- mail

async function verificationLink(email) {
  if (!MAILDIR) throw new Error('PEDULI_URL is set but PEDULI_TEST_MAILDIR is not: cannot read the verification mail');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const mail = readMails(MAILDIR).find((m) => (m.headers.to || '').toLowerCase().includes(email.toLowerCase()));
    if (mail) {
      const m = mail.body.match(/https?:\/\/[^\s<>"]+\/verify-email\?token=[^\s<>"]+/);
      if (!m) throw new Error(`mail ${mail.file} to ${email} has no /verify-email link:\n${mail.body}`);
      return { link: m[0], mail };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${email} in ${MAILDIR}/new after 10 s; server log:\n${logTail(15, true)}`);
}

// ---------------------------------------------------------------- page helpers

const slugOf = (s) => s.normalize('NFKD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

class Journey {
  constructor(name, prefix, { js }) {
    this.name = name;
    this.prefix = prefix;
    this.js = js;
    this.failed = null;  // the step that left nothing to continue with
    this.shot = 0;
    this.pages = [];      // one entry per page visited
    this.last = null;     // the last navigation, for failure reports
    this.notes = [];          // oddities worth a look, not failures
    this.assets = new Map();  // CSS/JS URL → bytes transferred on a cold load
  }

  async open() {
    this.context = await env.browser.newContext({
      viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 1,
      javaScriptEnabled: this.js, locale: 'id-ID', acceptDownloads: true,
    });
    this.context.setDefaultTimeout(20_000);
    this.page = await this.context.newPage();
    this.consoleErrors = [];
    this.page.on('pageerror', (e) => this.consoleErrors.push(`${this.page.url()}: ${e.message}`));
    this.page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of (404|409|422)/.test(m.text())) this.consoleErrors.push(`${this.page.url()}: ${m.text()}`); });
    // A cold load for every page, so each page's weight includes its CSS and JS.
    const cdp = await this.context.newCDPSession(this.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (!this.js) {
      // axe-core cannot run where page scripts are off: it checks a copy of each page's
      // DOM (scripts removed, styles kept) in a separate context with the same viewport.
      this.axeContext = await env.browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
      this.axePage = await this.axeContext.newPage();
    }
  }

  async close() {
    for (const n of this.notes) report.notes.push(`${this.name}: ${n}`);
    await this.context?.close().catch(() => {});
    await this.axeContext?.close().catch(() => {});
  }

  // Runs `action` (which navigates) and records the page it lands on: statuses of the
  // redirect chain, bytes transferred, a screenshot, axe, layout. With JavaScript on, the
  // layout's hx-boost turns links and forms into htmx requests that swap the body; a
  // "page" is then the htmx response, and its cold-load weight is its HTML plus the CSS
  // and JS it references (measured on the first full load).
  async visit(label, action, { lapor = false } = {}) {
    const page = this.page;
    const finished = [];
    const pending = new Set();
    const onRequest = (r) => pending.add(r);
    const onDone = (r) => { pending.delete(r); finished.push(r); };
    page.on('request', onRequest);
    page.on('requestfinished', onDone);
    page.on('requestfailed', onDone);
    let resp;
    try {
      resp = await action(page);
      await page.waitForLoadState('load');
      const deadline = Date.now() + 5000;
      while (pending.size && Date.now() < deadline) await page.waitForTimeout(50);
    } finally {
      page.off('request', onRequest);
      page.off('requestfinished', onDone);
      page.off('requestfailed', onDone);
    }
    const chain = [];
    const mainRequests = new Set();
    if (resp) {
      const reqs = [];
      for (let r = resp.request(); r; r = r.redirectedFrom()) reqs.unshift(r);
      for (const r of reqs) {
        mainRequests.add(r);
        const rr = await r.response();
        const u = new URL(r.url());
        chain.push(`${r.method()} ${u.pathname}${u.search} → ${rr ? rr.status() : 'failed'}`);
      }
    }
    let encoded = 0, decoded = 0, documentBytes = 0;
    const resources = [];
    for (const r of finished) {
      const sizes = await r.sizes().catch(() => null);
      const res = await r.response().catch(() => null);
      let body = 0;
      if (res && !(res.status() >= 300 && res.status() < 400)) {
        body = (await res.body().catch(() => Buffer.alloc(0))).length;
      }
      const enc = sizes ? sizes.responseBodySize : body;
      encoded += enc;
      decoded += body;
      if (mainRequests.has(r)) documentBytes += enc;
      const type = r.resourceType();
      if ((type === 'stylesheet' || type === 'script') && res && res.status() === 200) {
        this.assets.set(r.url(), enc);
      }
      resources.push({
        url: new URL(r.url()).pathname, type, status: res?.status() ?? 0, encoded: enc, decoded: body,
        encoding: res ? (await res.allHeaders().catch(() => ({})))['content-encoding'] || '' : '',
      });
    }
    // What opening this page with an empty cache costs: its HTML and its CSS (and JS,
    // where scripts run).
    const refs = await page.evaluate(() => [
      ...[...document.querySelectorAll('link[rel="stylesheet"][href]')].map((e) => e.href),
      ...[...document.querySelectorAll('script[src]')].map((e) => `script:${e.src}`),
    ]).catch(() => []);
    let cold = documentBytes;
    const coldParts = [`html ${kb(documentBytes)}`];
    for (const ref of refs) {
      const isScript = ref.startsWith('script:');
      if (isScript && !this.js) continue;
      const url = isScript ? ref.slice(7) : ref;
      let size = this.assets.get(url);
      if (size === undefined) {  // not loaded in this journey yet: ask the server
        const r = await this.context.request.head(url).catch(() => null);
        size = Number(r?.headers()['content-length'] || 0);
      }
      cold += size;
      coldParts.push(`${new URL(url).pathname.replace('/static/', '')} ${kb(size)}`);
    }
    const entry = {
      journey: this.name, label, url: page.url().replace(env.base, ''), status: resp ? resp.status() : null,
      boosted: Boolean(resp && !resp.request().isNavigationRequest()),
      chain, lapor, encoded, decoded, cold, coldParts, resources, screenshot: null, axe: null, overflow: null,
    };
    this.last = entry;
    this.pages.push(entry);
    report.pages.push(entry);
    entry.screenshot = await this.screenshot(label);
    this.axePasses = 0;
    entry.axe = await this.axe();
    entry.axePasses = this.axePasses;
    entry.overflow = await this.overflow();
    return resp;
  }

  go(label, url, opts) {
    return this.visit(label, (p) => p.goto(env.base + url), opts);
  }

  // Clicks something that navigates: a full navigation, or (JavaScript on) an htmx
  // request whose response replaces the body. Returns the final (non-redirect) response.
  click(label, locator, opts) {
    return this.visit(label, async (p) => {
      const isFinal = (r) => {
        const q = r.request();
        const main = (q.isNavigationRequest() && q.frame() === p.mainFrame()) || ['xhr', 'fetch'].includes(q.resourceType());  // htmx
        return main && !(r.status() >= 300 && r.status() < 400);
      };
      await p.evaluate(() => {
        window.__pwSettled = false;
        document.addEventListener('htmx:afterSettle', () => { window.__pwSettled = true; }, { once: true });
      }).catch(() => {});
      const navigated = p.waitForNavigation({ waitUntil: 'load' }).catch(() => null);
      const final = p.waitForResponse(isFinal);
      await locator.click();
      const resp = await final;
      if (resp.request().isNavigationRequest()) {
        await navigated;
      } else {
        await p.waitForFunction(() => window.__pwSettled === true, null, { timeout: 10_000 });
        // htmx pushes the response's URL into the history (the address bar).
        const pushed = await p.waitForURL((u) => u.href.split('#')[0] === resp.url().split('#')[0], { timeout: 3000 })
          .then(() => true, () => false);
        if (!pushed) this.notes.push(`${label}: after the htmx request the address bar shows ${p.url()}, not ${resp.url()}`);
      }
      return resp;
    }, opts);
  }

  async screenshot(label) {
    this.shot += 1;
    const file = path.join(SHOTS, `${this.prefix}-${String(this.shot).padStart(2, '0')}-${slugOf(label)}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return path.relative(ROOT, file);
  }

  async axe() {
    try {
      let target = this.page;
      if (!this.js) {
        const html = (await this.page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
        await this.axePage.goto(`${env.base}/healthz`);
        await this.axePage.setContent(html, { waitUntil: 'load' });
        target = this.axePage;
      }
      const r = await new AxeBuilder({ page: target }).analyze();
      this.axePasses = r.passes.length;
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)}`),
        count: v.nodes.length,
      }));
    } catch (e) {
      return [{ id: 'axe-failed', impact: 'critical', help: `axe did not run: ${e.message.split('\n')[0]}`, nodes: [], count: 1 }];
    }
  }

  // Elements wider than the 360 px viewport (the page scrolls sideways).
  overflow() {
    return this.page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const sw = document.documentElement.scrollWidth;
      if (sw <= vw) return null;
      const wide = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > vw + 1 && wide.length < 5) {
          wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} (right edge ${Math.round(r.right)} px)`);
        }
      }
      return { scrollWidth: sw, viewport: vw, elements: wide };
    }).catch(() => null);
  }

  // Text helpers on the current page.
  text(selector = 'main') { return this.page.locator(selector).first().innerText(); }
  async value(selector) { return this.page.locator(selector).inputValue(); }
  button(value) { return this.page.locator(`button[name="action"][value="${value}"]`); }
}

// What the browser shows when a step fails: enough for a bug report.
async function describeFailure(j, err) {
  const lines = [err && err.message ? err.message : String(err)];
  if (j?.page) {
    lines.push(`  page at the end of the step: ${j.page.url()}`);
    if (j.last) lines.push(`  last navigation (${j.last.label}): ${j.last.chain.join(', ') || j.last.status}`);
    const shown = await j.page.locator('h1, .flash, .error').allInnerTexts().catch(() => []);
    if (shown.length) lines.push(`  page shows: ${shown.map((s) => s.replace(/\s+/g, ' ').trim()).join(' | ')}`);
    try {
      const file = path.join(SHOTS, `${j.prefix}-FAILED-${String(j.shot).padStart(2, '0')}.png`);
      await j.page.screenshot({ path: file, fullPage: true });
      lines.push(`  screenshot: ${path.relative(ROOT, file)}`);
    } catch { /* the page may be gone */ }
  }
  lines.push(`  server log (warnings, errors, 4xx/5xx):\n${logTail(12, true).replace(/^/gm, '    ')}`);
  const e = new Error(lines.join('\n'));
  e.stack = e.message;
  return e;
}

// One step of a journey. `check(desc, fn)` runs a check that does not block later steps:
// its failure fails this step after the rest of it has run. Any other exception blocks
// the journey: later steps are skipped with the reason.
function step(j, name, fn) {
  test(name, { timeout: STEP_TIMEOUT }, async (t) => {
    if (j.failed) {
      t.skip(`not run: step "${j.failed}" failed`);
      return;
    }
    const soft = [];
    const check = async (desc, f) => {
      try {
        await f();
      } catch (e) {
        const where = j.page ? ` [at ${j.page.url().replace(env.base, '')}${j.last ? `, after "${j.last.label}": ${j.last.chain.join(', ')}` : ''}]` : '';
        soft.push(`${desc}${where}: ${e.message}`);
      }
    };
    try {
      await fn({ t, check, page: j.page });
    } catch (e) {
      j.failed = name;
      throw await describeFailure(j, e);
    }
    if (soft.length) throw await describeFailure(j, new Error(soft.join('\n')));
  });
}

function assertStatus(resp, expected, what) {
  assert.ok(resp, `${what}: no response`);
  assert.equal(resp.status(), expected, `${what}: HTTP ${resp.status()} (expected ${expected}) at ${resp.url()}`);
}

function assertIncludes(haystack, needle, what) {
  assert.ok(haystack.includes(needle), `${what}: expected to see "${needle}" in:\n${haystack.slice(0, 800)}`);
}

// ---------------------------------------------------------------- the Lapor Diri form

async function fillIdentity(page, c, nik) {
  await page.fill('#f-identity-full_name', c.name);
  await page.fill('#f-identity-nik', nik);
  await page.fill('#f-identity-birth_place', c.birthPlace);
  await page.fill('#f-identity-birth_date', c.birthDate);
  await page.selectOption('#f-identity-sex', c.sex);
  await page.selectOption('#f-identity-marital_status', c.marital);
  await page.fill('#f-identity-occupation', c.occupation);
  await page.selectOption('#f-identity-education', c.education);
  await page.selectOption('#f-identity-origin_regency', c.regency);
}

async function assertIdentityKept(j, c, nik) {
  const p = j.page;
  assert.equal(await p.inputValue('#f-identity-full_name'), c.name, 'full name kept');
  assert.equal(await p.inputValue('#f-identity-nik'), nik, 'NIK kept as typed');
  assert.equal(await p.inputValue('#f-identity-birth_place'), c.birthPlace, 'birth place kept');
  assert.equal(await p.inputValue('#f-identity-birth_date'), c.birthDate, 'birth date kept');
  assert.equal(await p.inputValue('#f-identity-sex'), c.sex, 'sex kept');
  assert.equal(await p.inputValue('#f-identity-marital_status'), c.marital, 'marital status kept');
  assert.equal(await p.inputValue('#f-identity-occupation'), c.occupation, 'occupation kept');
  assert.equal(await p.inputValue('#f-identity-education'), c.education, 'education kept');
  assert.equal(await p.inputValue('#f-identity-origin_regency'), c.regency, 'origin regency kept');
}

async function fillPassport(page, c) {
  await page.fill('#f-passport-number', c.passport);
  await page.fill('#f-passport-issue_date', c.passportIssue);
  await page.fill('#f-passport-expiry_date', c.passportExpiry);
  await page.fill('#f-passport-office', c.passportOffice);
}

async function fillStay(page, c) {
  await page.selectOption('#f-stay-subdivision', c.subdivision);
  await page.fill('#f-stay-city', c.city);
  await page.fill('#f-stay-address', c.address);
  await page.fill('#f-stay-phone', c.phone);
  await page.fill('#f-stay-arrival_date', c.arrival);
  await page.fill('#f-stay-expected_end_date', c.expectedEnd);
  await page.fill('#f-stay-pmi-employer_name', c.employer);
  await page.fill('#f-stay-pmi-employer_address', c.employerAddress);
  await page.selectOption('#f-stay-pmi-sector', c.sector);
  await page.fill('#f-stay-pmi-agency', c.agency);
  await page.fill('#f-stay-pmi-contract_end_date', c.contractEnd);
}

async function assertStayKept(page, c) {
  const want = {
    '#f-stay-subdivision': c.subdivision, '#f-stay-city': c.city, '#f-stay-address': c.address,
    '#f-stay-phone': c.phone, '#f-stay-arrival_date': c.arrival, '#f-stay-expected_end_date': c.expectedEnd,
    '#f-stay-pmi-employer_name': c.employer, '#f-stay-pmi-employer_address': c.employerAddress,
    '#f-stay-pmi-sector': c.sector, '#f-stay-pmi-agency': c.agency, '#f-stay-pmi-contract_end_date': c.contractEnd,
  };
  for (const [sel, v] of Object.entries(want)) assert.equal(await page.inputValue(sel), v, `${sel} kept after save and resume`);
}

async function fillFamilyRow(page, i, m) {
  await page.fill(`#f-family-${i}-name`, m.name);
  await page.selectOption(`#f-family-${i}-relation`, m.relation);
  await page.fill(`#f-family-${i}-birth_date`, m.birthDate);
}

async function fillEmergency(page, c) {
  await page.fill('#f-emergency_contact-name', c.emergency.name);
  await page.fill('#f-emergency_contact-relation', c.emergency.relation);
  await page.fill('#f-emergency_contact-phone', c.emergency.phone);
}

// Asserts that a "save and continue" landed on the next step (303 then 200).
function assertNextStep(resp, slug) {
  assert.ok(resp, 'no response');
  const url = new URL(resp.url());
  if (url.pathname !== `/lapor-diri/${slug}`) {
    throw new Error(`expected to continue to /lapor-diri/${slug}, got HTTP ${resp.status()} at ${url.pathname}`);
  }
  assertStatus(resp, 200, `/lapor-diri/${slug}`);
}

async function stepErrors(page) {
  return page.locator('small.error').allInnerTexts();
}

// ---------------------------------------------------------------- sign-up and sign-in

function defineSignUp(j, who) {
  step(j, 'sign up at /daftar', async ({ page }) => {
    const resp = await j.go('daftar', '/daftar');
    assertStatus(resp, 200, 'GET /daftar');
    await page.fill('#f-name', who.name);
    await page.fill('#f-email', who.email);
    await page.fill('#f-password', who.password);
    const r = await j.click('daftar-terkirim', page.locator('form[action="/daftar"] button[type="submit"]'));
    assertStatus(r, 201, 'POST /daftar');
    const text = await j.text();
    assertIncludes(text, T('account.check_mail'), 'check-mail page');
    assertIncludes(text, who.email, 'check-mail page');
  });

  step(j, 'open the verification link from the mail (Maildir)', async ({ check }) => {
    const { link, mail } = await verificationLink(who.email);
    await check('mail is RFC 5322 with a base64 body', async () => {
      assert.match(mail.headers['content-transfer-encoding'] || '', /base64/i);
      assert.ok(mail.headers.subject, 'Subject header');
    });
    const u = new URL(link);
    await check('link points at this server', async () => {
      if (!process.env.PEDULI_URL) assert.equal(u.origin, env.base);
    });
    const resp = await j.go('verifikasi-email', u.pathname + u.search);
    assertStatus(resp, 200, 'GET /verify-email');
    assertIncludes(await j.text(), T('account.verified'), 'verified page');
  });

  step(j, 'sign in at /masuk', async ({ page, check }) => {
    const resp = await j.click('masuk', page.locator('main a[href="/masuk"]').first());
    assertStatus(resp, 200, 'GET /masuk');
    await page.fill('#f-email', who.email);
    await page.fill('#f-password', who.password);
    const home = await j.click('beranda-baru', page.locator('form[action="/masuk"] button[type="submit"]'));
    const cookies = await j.context.cookies(env.base);
    assert.ok(cookies.some((c) => c.name === 'pw_session' && c.value), `no session cookie after POST /masuk (${j.last.chain.join(', ')})`);
    await check('home page /beranda after sign-in', async () => {
      assert.equal(new URL(home.url()).pathname, '/beranda');
      assertStatus(home, 200, 'GET /beranda');
      const text = await j.text();
      assertIncludes(text, `${T('home.greeting')}, ${who.name}`, '/beranda greeting');
      assertIncludes(text, T('home.no_record'), '/beranda');
      assertIncludes(text, T('home.start'), '/beranda start button');
    });
  });
}

// ---------------------------------------------------------------- the journey

function defineJourney(j, c, who) {
  before(async () => { await j.open(); });
  after(async () => { await j.close(); });

  defineSignUp(j, who);

  step(j, 'Lapor Diri identity step: a wrong NIK is shown next to the field in Indonesian, the rest is kept', async ({ page, check }) => {
    let resp;
    const start = page.locator('main a[href="/lapor-diri"]');
    if (new URL(page.url()).pathname === '/beranda' && await start.count()) {
      resp = await j.click('identitas', start, { lapor: true });
    } else {
      resp = await j.go('identitas', '/lapor-diri', { lapor: true });  // /beranda did not render
    }
    assertNextStep(resp, 'identitas');
    await fillIdentity(page, c, c.wrongSexNik);
    const r = await j.click('identitas-nik-salah', j.button('next'), { lapor: true });
    assertStatus(r, 422, 'POST /lapor-diri/identitas with a wrong NIK');
    const err = page.locator('#f-identity-nik-err');
    assert.equal(await err.count(), 1, 'an error element #f-identity-nik-err next to the NIK');
    assert.equal((await err.innerText()).trim(), T('err.nik.sex'), 'NIK error text (Indonesian)');
    await check('the NIK input points at its error', async () => {
      assert.equal(await page.getAttribute('#f-identity-nik', 'aria-invalid'), 'true');
      assert.equal(await page.getAttribute('#f-identity-nik', 'aria-describedby'), 'f-identity-nik-err');
    });
    await check('the summary at the top of the form', async () => assertIncludes(await j.text(), T('lapor.fix_errors'), 'error summary'));
    await check('no other field is marked wrong', async () => assert.deepEqual(await stepErrors(page), [T('err.nik.sex')]));
    await assertIdentityKept(j, c, c.wrongSexNik);
  });

  step(j, 'switch to English from the header: the NIK error is in English', async ({ page, check }) => {
    const resp = await j.click('identitas-en', page.locator('header a[href$="?lang=en"]'), { lapor: true });
    assertStatus(resp, 200, 'GET ?lang=en');
    await check('<html lang> follows the language', async () => assert.equal(await page.getAttribute('html', 'lang'), 'en', `<html lang> after switching to English${j.js ? ' (htmx swapped the body only)' : ''}`));
    await check('the page is in English', async () => assertIncludes(await j.text(), T('step.identity', 'en'), 'English identity step'));
    await assertIdentityKept(j, c, c.wrongSexNik);  // the draft kept what was typed
    const r = await j.click('identitas-en-error', j.button('next'), { lapor: true });
    assertStatus(r, 422, 'POST /lapor-diri/identitas (English)');
    assert.equal((await page.locator('#f-identity-nik-err').innerText()).trim(), T('err.nik.sex', 'en'), 'NIK error text (English)');
    await check('English summary', async () => assertIncludes(await j.text(), T('lapor.fix_errors', 'en'), 'error summary'));
    const back = await j.click('identitas-id', page.locator('header a[href$="?lang=id"]'), { lapor: true });
    assertStatus(back, 200, 'GET ?lang=id');
    await check('<html lang> follows the language back', async () => assert.equal(await page.getAttribute('html', 'lang'), 'id', '<html lang> after switching back'));
  });

  step(j, 'identity step with a woman\'s NIK (day + 40) → passport', async ({ page }) => {
    await page.fill('#f-identity-nik', c.nik);
    const r = await j.click('paspor', j.button('next'), { lapor: true });
    assertNextStep(r, 'paspor');
  });

  step(j, 'passport step → country', async ({ page }) => {
    await fillPassport(page, c);
    assertNextStep(await j.click('negara', j.button('next'), { lapor: true }), 'negara');
  });

  step(j, 'country step: Malaysia, migrant worker (PMI) → stay', async ({ page }) => {
    await page.selectOption('#f-stay-country', c.country);
    await page.selectOption('#f-stay-category', c.category);
    assertNextStep(await j.click('tempat-tinggal', j.button('next'), { lapor: true }), 'tempat-tinggal');
  });

  step(j, 'stay step: "save and finish later", then resume keeps the answers', async ({ page, check }) => {
    await check('country shown on the stay step', async () => assertIncludes(await j.text(), c.countryName, 'stay step'));
    const subs = await page.locator('#f-stay-subdivision option').allInnerTexts();
    assert.ok(subs.includes(c.subdivisionName), `Sabah among the states of Malaysia (${subs.length} options)`);
    assert.equal(await page.locator('#f-stay-pmi-employer_name').count(), 1, 'PMI fields on the stay step');
    await fillStay(page, c);
    const saved = await j.click('beranda-tersimpan', j.button('save_exit'));
    assert.equal(new URL(saved.url()).pathname, '/beranda', `"save and finish later" goes to /beranda (got ${saved.url()}, ${j.last.chain.join(', ')})`);
    let resumed;
    await check('/beranda after saving', async () => {
      assertStatus(saved, 200, 'GET /beranda?saved=1');
      const text = await j.text();
      assertIncludes(text, T('lapor.saved'), 'saved message');
      assertIncludes(text, T('home.resume'), 'resume button');
    });
    const resume = page.locator('main a[href="/lapor-diri"]');
    if (await resume.count()) resumed = await j.click('dilanjutkan', resume, { lapor: true });
    else resumed = await j.go('dilanjutkan', '/lapor-diri', { lapor: true });
    assertNextStep(resumed, 'identitas');
    await assertIdentityKept(j, c, c.nik);
    const stay = await j.click('tempat-tinggal-dilanjutkan', page.locator('nav.steps a[href="/lapor-diri/tempat-tinggal"]'), { lapor: true });
    assertStatus(stay, 200, 'GET /lapor-diri/tempat-tinggal');
    await assertStayKept(page, c);
    assertNextStep(await j.click('keluarga', j.button('next'), { lapor: true }), 'keluarga');
  });

  step(j, 'family step: add one member', async ({ page }) => {
    assert.equal(await page.locator('#f-family-0-name').count(), 1, 'an empty row for a new member');
    await fillFamilyRow(page, 0, c.family);
    const r = await j.click('keluarga-anggota', j.button('add_member'), { lapor: true });
    assertStatus(r, 200, 'add member');
    assert.equal(new URL(r.url()).pathname, '/lapor-diri/keluarga');
    assert.equal(await page.inputValue('#f-family-0-name'), c.family.name, 'member 1 kept');
    assert.equal(await page.inputValue('#f-family-0-relation'), c.family.relation);
    assert.equal(await page.locator('#f-family-1-name').inputValue(), '', 'a new empty row after adding');
    assertNextStep(await j.click('kontak-darurat', j.button('next'), { lapor: true }), 'kontak-darurat');
  });

  step(j, 'emergency contact step → review', async ({ page }) => {
    await fillEmergency(page, c);
    assertNextStep(await j.click('periksa', j.button('next'), { lapor: true }), 'periksa');
  });

  step(j, 'review step shows the answers and the mission (KRI Tawau); submit → receipt page', async ({ page, check }) => {
    const text = await j.text();
    for (const v of [c.name, c.nik, c.passport, c.city, c.subdivisionName, c.family.name, T('category.pmi'), c.mission]) {
      assertIncludes(text, v, 'review page');
    }
    await check('no errors on the review page', async () => assert.equal(await page.locator('p.error, .flash-error').count(), 0));
    const r = await j.click('selesai', page.locator('form[action="/lapor-diri/periksa"] button[type="submit"]'), { lapor: true });
    assert.ok(j.last.chain[0]?.endsWith('303'), `submit: ${j.last.chain.join(', ')}`);
    j.regPath = new URL(r.url()).pathname;
    assert.equal(j.regPath, '/lapor-diri-selesai', `submit lands on the receipt page (${j.last.chain.join(', ')})`);
    assertStatus(r, 200, 'GET /lapor-diri-selesai');
    const done = await j.text();
    const m = done.match(/PWNI-\d{4}-[A-Z0-9]{8}/);
    assert.ok(m, `registration number on the receipt page:\n${done.slice(0, 600)}`);
    j.regNumber = m[0];
    await check('receipt page says it was received', async () => assertIncludes(done, T('lapor.done_new'), 'receipt page'));
    await check('receipt page names the mission', async () => assertIncludes(done, c.mission, 'receipt page'));
    const href = await page.locator('main a[href^="/verify/"]').getAttribute('href');
    assert.ok(href, 'a /verify/<code> link on the receipt page');
    j.verifyPath = href;
  });

  step(j, 'download the receipt PDF', async ({ page }) => {
    const link = page.locator('main a[href="/api/v1/me/lapor-diri/receipt.pdf"]');
    assert.equal(await link.count(), 1, 'PDF link on the receipt page');
    const res = await j.context.request.get(env.base + await link.getAttribute('href'));
    assert.equal(res.status(), 200, `GET receipt.pdf: HTTP ${res.status()}`);
    assert.match(res.headers()['content-type'] || '', /^application\/pdf/, 'Content-Type');
    const body = await res.body();
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-', 'starts with %PDF');
    assert.ok(body.length > 1000, `PDF size ${body.length} bytes`);
    fs.writeFileSync(path.join(SHOTS, `${j.prefix}-bukti-lapor-diri.pdf`), body);
  });

  step(j, 'the /verify/<code> link shows initials only (public, signed out)', async ({ check }) => {
    assert.ok(j.verifyPath, 'verify link from the receipt page');
    // The registration date as the mission's clock has it (the receipt PDF and /beranda
    // show local times of the mission).
    const me = await (await j.context.request.get(`${env.base}/api/v1/me/lapor-diri`)).json();
    const tz = me.mission?.timezone || 'UTC';
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date(me.created_at * 1000)).map((x) => [x.type, x.value]));
    const localDate = `${parts.day}-${parts.month}-${parts.year}`;
    // In a context without the session: anyone holding the paper receipt.
    const ctx = await env.browser.newContext({ viewport: VIEWPORT, isMobile: true, hasTouch: true, deviceScaleFactor: 1, javaScriptEnabled: j.js });
    try {
      const page = await ctx.newPage();
      const resp = await page.goto(env.base + j.verifyPath);
      assertStatus(resp, 200, `GET ${j.verifyPath}`);
      const file = path.join(SHOTS, `${j.prefix}-${String(++j.shot).padStart(2, '0')}-verify.png`);
      await page.screenshot({ path: file, fullPage: true });
      const text = await page.locator('main').innerText();
      assertIncludes(text, T('verify.genuine'), 'verify page');
      assertIncludes(text, c.initials, 'initials');
      assertIncludes(text, c.mission, 'mission');
      await check(`registration date in the mission's time zone (${tz})`, async () => assertIncludes(text, localDate, 'verify page date'));
      for (const secret of [c.name, 'Nur\'aini', 'Siti', c.nik, c.nik.slice(0, 6), c.passport, c.address]) {
        assert.ok(!text.includes(secret), `verify page must not show "${secret}"`);
      }
      const html = await page.content();
      assert.ok(!html.includes(c.nik) && !html.includes('Siti'), 'no name or NIK in the HTML');
    } finally {
      await ctx.close();
    }
  });

  step(j, 'home /beranda shows the record and the current stay', async ({ check }) => {
    const resp = await j.go('beranda', '/beranda');
    await check('/beranda renders', async () => {
      assertStatus(resp, 200, 'GET /beranda');
      const text = await j.text();
      for (const v of [j.regNumber, T('status.active'), c.city, c.subdivisionName, c.mission, T('home.update'), T('return.title')]) {
        assertIncludes(text, v, '/beranda');
      }
    });
  });

  step(j, 'move: update the stay to another city (Sandakan → KJRI Kota Kinabalu)', async ({ page, check }) => {
    const update = page.locator('main a[href="/lapor-diri"]');
    let r;
    if (await update.count()) r = await j.click('perbarui', update, { lapor: true });
    else r = await j.go('perbarui', '/lapor-diri', { lapor: true });
    assertNextStep(r, 'identitas');
    await check('the form starts from the stored record', async () => {
      assert.equal(await page.inputValue('#f-identity-nik'), c.nik);
      assert.equal(await page.inputValue('#f-identity-full_name'), c.name);
    });
    const stay = await j.click('pindah-tempat-tinggal', page.locator('nav.steps a[href="/lapor-diri/tempat-tinggal"]'), { lapor: true });
    assertStatus(stay, 200, 'GET /lapor-diri/tempat-tinggal');
    assert.equal(await page.inputValue('#f-stay-city'), c.city, 'the current city is filled in');
    await page.fill('#f-stay-city', c.moveCity);
    await page.fill('#f-stay-address', c.moveAddress);
    await page.fill('#f-stay-arrival_date', c.moveArrival);
    assertNextStep(await j.click('pindah-keluarga', j.button('next'), { lapor: true }), 'keluarga');
    assertNextStep(await j.click('pindah-kontak-darurat', j.button('next'), { lapor: true }), 'kontak-darurat');
    assertNextStep(await j.click('pindah-periksa', j.button('next'), { lapor: true }), 'periksa');
    const review = await j.text();
    assertIncludes(review, c.moveCity, 'review after the move');
    assertIncludes(review, c.moveMission, 'the new mission on the review page');
    const done = await j.click('pindah-selesai', page.locator('form[action="/lapor-diri/periksa"] button[type="submit"]'), { lapor: true });
    assert.equal(new URL(done.url()).pathname, '/lapor-diri-selesai', `submit (${j.last.chain.join(', ')})`);
    await check('receipt page after the update', async () => {
      assertStatus(done, 200, 'GET /lapor-diri-selesai');
      const text = await j.text();
      assertIncludes(text, T('lapor.done_updated'), 'updated message');
      assertIncludes(text, j.regNumber, 'same registration number');
      assertIncludes(text, c.moveMission, 'new mission');
    });
    const home = await j.go('beranda-pindah', '/beranda');
    await check('/beranda shows the new stay and the old one as past', async () => {
      assertStatus(home, 200, 'GET /beranda');
      const text = await j.text();
      assertIncludes(text, c.moveCity, '/beranda current stay');
      assertIncludes(text, c.moveMission, '/beranda mission');
      assertIncludes(text, `${T('home.past_stay')}: ${c.city}`, '/beranda past stay');
      assertIncludes(text, T('end_reason.moved'), '/beranda past stay reason');
    });
  });

  step(j, 'report the return at /kembali', async ({ page, check }) => {
    const link = page.locator('main a[href="/kembali"]');
    let r;
    if (await link.count()) r = await j.click('kembali', link);
    else r = await j.go('kembali', '/kembali');
    assertStatus(r, 200, 'GET /kembali');
    await page.fill('#f-date', c.returnDate);
    const home = await j.click('beranda-kembali', page.locator('form[action="/kembali"] button[type="submit"]'));
    assert.equal(new URL(home.url()).pathname, '/beranda', `POST /kembali (${j.last.chain.join(', ')})`);
    assert.ok(j.last.chain[0]?.endsWith('303'), `POST /kembali: ${j.last.chain.join(', ')}`);
    await check('/beranda after the return', async () => {
      assertStatus(home, 200, 'GET /beranda');
      const text = await j.text();
      assertIncludes(text, T('status.returned'), 'status');
      assertIncludes(text, T('home.new_stay'), 'new stay button');
      assertIncludes(text, `${T('home.past_stay')}: ${c.moveCity}`, 'the Sandakan stay is past');
      assert.equal(await page.locator('main a[href="/kembali"]').count(), 0, 'no return button once returned');
    });
  });

  step(j, 'export /api/v1/me/export: JSON with the name', async ({ page }) => {
    const link = page.locator('main a[href="/api/v1/me/export"]');
    const href = (await link.count()) ? await link.getAttribute('href') : '/api/v1/me/export';
    const res = await j.context.request.get(env.base + href);
    assert.equal(res.status(), 200, `GET ${href}: HTTP ${res.status()}`);
    assert.match(res.headers()['content-type'] || '', /^application\/json/);
    const data = await res.json();
    fs.writeFileSync(path.join(SHOTS, `${j.prefix}-export.json`), JSON.stringify(data, null, 2));
    assert.equal(data.account?.email, who.email, 'account.email');
    assert.equal(data.lapor_diri?.identity?.full_name, c.name, 'lapor_diri.identity.full_name (NFC, as typed)');
    assert.equal(data.lapor_diri?.identity?.nik, c.nik, 'lapor_diri.identity.nik');
    assert.equal(data.lapor_diri?.registration_number, j.regNumber, 'registration number');
    assert.equal(data.lapor_diri?.status, 'returned', 'status');
    assert.equal(data.lapor_diri?.stays?.length, 2, 'two stays (Tawau, then Sandakan)');
    assert.equal(data.lapor_diri?.stay?.phone, '+60123456789', 'stay phone in E.164');
    assert.equal(data.lapor_diri?.emergency_contact?.phone, '+6281234567890', 'emergency phone in E.164');
  });

  step(j, 'sign out', async ({ page }) => {
    const r = await j.click('keluar', page.locator('header form[action="/keluar"] button'));
    assert.equal(new URL(r.url()).pathname, '/', `sign out lands on / (${j.last.chain.join(', ')})`);
    assertStatus(r, 200, 'GET /');
    assert.equal(await page.locator('header a[href="/masuk"]').count(), 1, 'the header offers sign-in again');
    const cookies = await j.context.cookies(env.base);
    assert.ok(!cookies.some((x) => x.name === 'pw_session' && x.value), 'session cookie cleared');
    const again = await page.goto(env.base + '/beranda');
    assert.ok(new URL(again.url()).pathname === '/masuk' || again.status() === 401,
      `/beranda after sign-out: HTTP ${again.status()} at ${again.url()}`);
  });

  defineQualityChecks(j);
}

// Accessibility, weight and layout of the pages one journey visited.
function defineQualityChecks(j) {
  test('axe: no serious or critical violations on the Lapor Diri pages', (t) => {
    const bad = [];
    for (const p of j.pages) {
      for (const v of p.axe || []) {
        const line = `${p.label} (${p.url}): [${v.impact}] ${v.id} — ${v.help} (${v.count} element(s))\n${v.nodes.map((n) => `      ${n}`).join('\n')}`;
        if (p.lapor && (v.impact === 'serious' || v.impact === 'critical')) bad.push(line);
        else t.diagnostic(`axe ${line.split('\n')[0]}`);
      }
    }
    const checked = j.pages.filter((p) => p.lapor).length;
    for (const p of j.pages) {
      if (p.lapor && !p.axePasses) bad.push(`${p.label} (${p.url}): axe-core reported no passing rule either: it did not check the page`);
    }
    t.diagnostic(`${checked} Lapor Diri page views checked with axe-core`);
    if (!checked) t.skip('no Lapor Diri page was reached');
    else assert.equal(bad.length, 0, `serious/critical accessibility violations:\n${bad.join('\n')}`);
  });

  test(`page weight: each Lapor Diri page under ${WEIGHT_LIMIT / 1024} KB on a cold load`, (t) => {
    const over = [];
    for (const p of j.pages) {
      const line = `${p.label} ${p.url}: cold load ${kb(p.cold)} (${p.coldParts.join(' + ')}); this visit transferred ${kb(p.encoded)}${p.boosted ? ' (htmx)' : ''}, ${kb(p.decoded)} decoded`;
      t.diagnostic(line);
      if (p.lapor && p.cold >= WEIGHT_LIMIT) over.push(line);
    }
    if (!j.pages.some((p) => p.lapor)) t.skip('no Lapor Diri page was reached');
    else assert.equal(over.length, 0, `pages over ${WEIGHT_LIMIT / 1024} KB:\n${over.join('\n')}`);
  });

  test('layout at 360 px: no page scrolls sideways', () => {
    const wide = j.pages.filter((p) => p.overflow).map((p) =>
      `${p.label} (${p.url}): document ${p.overflow.scrollWidth} px wide; ${p.overflow.elements.join('; ')}`);
    assert.equal(wide.length, 0, wide.join('\n'));
  });

  test('no JavaScript errors in the console', () => {
    const counts = new Map();
    for (const e of j.consoleErrors || []) {
      const k = e.replace(env.base, '').slice(0, 260);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const lines = [...counts].map(([k, n]) => `${n}× ${k}`);
    assert.equal(lines.length, 0, `console errors (page: message):\n${lines.join('\n')}`);
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------- the suites

const account = (tag) => ({
  name: 'Đặng Siti Nur\'aini',
  email: `browser-${tag}-${RUN_ID}@example.test`,
  password: 'uji-peramban-2026',
});

const withJs = new Journey('JavaScript on', 'js', { js: true });
const withoutJs = new Journey('JavaScript off', 'nojs', { js: false });
const first = citizen(0);

describe('Lapor Diri journey, JavaScript on, 360×740', () => {
  defineJourney(withJs, first, account('js'));
});

describe('Lapor Diri journey, JavaScript off, 360×740', () => {
  defineJourney(withoutJs, citizen(1), account('nojs'));
});

describe('duplicate NIK: a second account with the same NIK', () => {
  const dup = new Journey('duplicate NIK', 'dup', { js: true });
  const who = { ...account('dup'), name: 'Siti Nur Aini' };
  before(async () => { await dup.open(); });
  after(async () => { await dup.close(); });

  step(dup, 'the first journey registered its NIK', () => {
    assert.ok(withJs.regNumber, `the JavaScript-on journey did not submit (failed step: ${withJs.failed || 'a check'})`);
  });
  defineSignUp(dup, who);

  step(dup, 'fill Lapor Diri with the NIK of the first account', async ({ page }) => {
    const c = first;
    assertNextStep(await dup.go('identitas', '/lapor-diri', { lapor: true }), 'identitas');
    await fillIdentity(page, c, c.nik);
    assertNextStep(await dup.click('paspor', dup.button('next'), { lapor: true }), 'paspor');
    await fillPassport(page, { ...c, passport: 'X1234567' });
    assertNextStep(await dup.click('negara', dup.button('next'), { lapor: true }), 'negara');
    await page.selectOption('#f-stay-country', c.country);
    await page.selectOption('#f-stay-category', c.category);
    assertNextStep(await dup.click('tempat-tinggal', dup.button('next'), { lapor: true }), 'tempat-tinggal');
    await fillStay(page, c);
    assertNextStep(await dup.click('keluarga', dup.button('next'), { lapor: true }), 'keluarga');
    assertNextStep(await dup.click('kontak-darurat', dup.button('next'), { lapor: true }), 'kontak-darurat');
    await fillEmergency(page, c);
    assertNextStep(await dup.click('periksa', dup.button('next'), { lapor: true }), 'periksa');
  });

  step(dup, 'submit: HTTP 409 with the clear duplicate message', async ({ page, check }) => {
    const r = await dup.click('periksa-409', page.locator('form[action="/lapor-diri/periksa"] button[type="submit"]'), { lapor: true });
    assert.equal(r.status(), 409, `POST /lapor-diri/periksa: HTTP ${r.status()} at ${r.url()} (expected 409)`);
    const msg = await page.locator('.flash-error').allInnerTexts();
    assert.ok(msg.some((s) => s.trim() === T('registry.nik_taken')), `duplicate message, got: ${JSON.stringify(msg)}`);
    await check('no registration number shown', async () => assert.ok(!/PWNI-\d{4}-/.test(await dup.text())));
    const home = await dup.go('beranda-klaim', '/beranda');
    await check('/beranda keeps showing the duplicate notice and no record', async () => {
      assertStatus(home, 200, 'GET /beranda');
      const text = await dup.text();
      assertIncludes(text, T('registry.nik_taken'), '/beranda duplicate notice');
      assertIncludes(text, T('home.no_record'), '/beranda');
    });
  });

  defineQualityChecks(dup);
});

// ---------------------------------------------------------------- report

function writeReport() {
  report.finished = new Date().toISOString();
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, 'report.json'), JSON.stringify(report, null, 2));
  const out = [`Browser test report (${report.base}), ${report.started} → ${report.finished}`, ''];
  out.push(`Page weight (limit ${WEIGHT_LIMIT / 1024} KB on a cold load for Lapor Diri pages, marked *).`);
  out.push('  cold = HTML + CSS (+ JS when scripts run), as transferred (gzip); visit = bytes this visit transferred (htmx: the HTML only)');
  for (const p of report.pages) {
    out.push(`  ${p.journey.padEnd(15)} ${(p.lapor ? '*' : ' ')} ${p.label.padEnd(26)} ${String(p.status).padEnd(4)} cold ${kb(p.cold).padStart(8)}  visit ${kb(p.encoded).padStart(8)}${p.boosted ? ' htmx' : '     '}  decoded ${kb(p.decoded).padStart(8)}  ${p.url}  [${p.coldParts.join(' + ')}]`);
  }
  const checked = report.pages.filter((p) => p.axePasses);
  out.push('', `axe-core ${checked.length} of ${report.pages.length} page views checked (${Math.min(...checked.map((p) => p.axePasses))}–${Math.max(...checked.map((p) => p.axePasses))} rules passing per page).`);
  out.push('axe-core violations (all impacts; * = Lapor Diri page):');
  let any = false;
  for (const p of report.pages) {
    for (const v of p.axe || []) {
      any = true;
      out.push(`  ${p.journey} ${p.lapor ? '*' : ' '} ${p.label} ${p.url}: [${v.impact}] ${v.id} — ${v.help} (${v.count})`);
      for (const n of v.nodes) out.push(`      ${n}`);
    }
  }
  if (!any) out.push('  none');
  out.push('', 'Horizontal overflow at 360 px:');
  const wide = report.pages.filter((p) => p.overflow);
  if (!wide.length) out.push('  none');
  for (const p of wide) out.push(`  ${p.journey} ${p.label} ${p.url}: ${p.overflow.scrollWidth} px; ${p.overflow.elements.join('; ')}`);
  out.push('', 'Notes:');
  if (!report.notes.length) out.push('  none');
  for (const n of report.notes) out.push(`  ${n}`);
  out.push('', `Screenshots: ${path.relative(ROOT, SHOTS)}/{js,nojs,dup}-NN-*.png; server log: ${path.relative(ROOT, SHOTS)}/server.log`);
  fs.writeFileSync(path.join(SHOTS, 'report.txt'), out.join('\n') + '\n');
}
