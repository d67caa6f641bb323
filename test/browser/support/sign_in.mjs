// Signing a demo account in through the /masuk form, as a person does; staff accounts go on
// to /masuk/kode with a TOTP code of the demo secret. Shared by the browser specs.
//
//   import { signIn } from './support/sign_in.mjs';
//   await signIn(page, BASE, 'petugas.kl@demo.peduli.test', { code: true });
import { totp, DEMO_TOTP_SECRET } from './totp.mjs';

// Every demo account's password (README, "Demo accounts").
export const DEMO_PASSWORD = 'peduli-demo-2026';

// `stepOffset` picks the TOTP step (see totp.mjs: the same account twice within 30 s needs 1).
export async function signIn(page, base, email, { code = false, stepOffset = 0 } = {}) {
  await page.goto(`${base}/masuk`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk') || u.pathname === '/masuk/kode'),
    page.click('form[action="/masuk"] button[type="submit"]')]);
  if (code) {
    await page.waitForURL((u) => u.pathname === '/masuk/kode');
    await page.fill('input[name="code"]', totp(DEMO_TOTP_SECRET, stepOffset));
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/masuk')),
      page.click('form[action="/masuk/kode"] button[type="submit"]')]);
  }
}
