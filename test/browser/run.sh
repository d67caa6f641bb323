#!/bin/sh
# Browser test of the Lapor Diri journey (Chromium at 360×740, JavaScript on and off).
#
#   test/browser/run.sh [extra node --test flags, e.g. --test-reporter=spec]
#
# Starts build/peduli on a free port with a fresh data directory and stops it at the end.
#   PEDULI_URL=http://host:port   test a running server instead
#   PEDULI_TEST_MAILDIR=DIR/mail  its Maildir (needed with PEDULI_URL, for the verification mail)
#   PEDULI_TEST_DATABASE=postgresql://...   passed to the server as --database
#   PEDULI_BIN=path               the server binary (default build/peduli)
#   PEDULI_KEEP_DATA=1            keep the temporary data directory (peduli.db, mail/)
# Screenshots, the PDF, the export, server.log and report.txt/report.json land in build/screenshots/.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

if [ -z "${PEDULI_URL:-}" ] && [ ! -x "${PEDULI_BIN:-build/peduli}" ]; then
  echo "build/peduli is missing; building it" >&2
  ninja -C build peduli
fi
if [ ! -d web/node_modules/playwright-core ] || [ ! -d web/node_modules/@axe-core/playwright ]; then
  echo "installing web/ devDependencies (npm ci)" >&2
  (cd web && npm ci --no-audit --no-fund)
fi

status=0
node --test "$@" test/browser/lapor_diri.spec.mjs || status=$?
# The officer console: TOTP sign-in, search, record with a purpose, a decision the citizen sees.
node --test "$@" test/browser/officer.spec.mjs || status=$?
# Statistics (issue 7): the map, the charts, axe, a live update by SSE.
node --test "$@" test/browser/stats.spec.mjs || status=$?
# Consular services (issue 5): apply with uploads without JavaScript, the officer moves it on.
node --test "$@" test/browser/services.spec.mjs || status=$?
# Protection cases (issue 6): the panic button without JavaScript, a report without an account.
node --test "$@" test/browser/protection.spec.mjs || status=$?
# Referrals (issue 6): KL refers a case to Jeddah without JavaScript; Jeddah accepts it.
node --test "$@" test/browser/referral.spec.mjs || status=$?
# The voter list (issue 8): the citizen switches to postal voting without JavaScript.
node --test "$@" test/browser/voter.spec.mjs || status=$?
# Crisis safety check (issue 9): a JavaScript-off answer, live counts by SSE.
node --test "$@" test/browser/safety.spec.mjs || status=$?
# Crisis alerts (issue 9): draw a circle, preview, send; the form without JavaScript.
node --test "$@" test/browser/crisis_alerts.spec.mjs || status=$?
# Crisis loop (issue 9): circle, preview, send; the mailed one-tap links answered without
# JavaScript ("safe", "need help"); the mission's counts update by SSE.
node --test "$@" test/browser/crisis_flow.spec.mjs || status=$?
if [ -f build/screenshots/report.txt ]; then
  echo
  cat build/screenshots/report.txt
fi
exit $status
