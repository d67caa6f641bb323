// `peduli serve --demo` for a browser test: a free port on 127.0.0.1, a fresh data
// directory, the developer's PEDULI_* settings kept out, PEDULI_TEST_DATABASE passed on as
// --database. Shared by the specs in test/browser/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Starts the server and waits for /healthz. Returns { base, dataDir, log, stop }; throws
// with the end of the server log when it does not come up within `timeoutMs`.
export async function startServer({ bin, root, prefix, timeoutMs = 30_000 }) {
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} is missing: build it with  ninja -C ${path.join(root, 'build')} peduli`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const log = path.join(dataDir, 'server.log');
  const args = ['serve', '--port', String(port), '--data', dataDir, '--demo'];
  if (process.env.PEDULI_TEST_DATABASE) args.push('--database', process.env.PEDULI_TEST_DATABASE);
  // The server reads PEDULI_<SETTING> variables: a developer's PEDULI_SMTP_URL or
  // PEDULI_BASE_URL must not leak into the test server.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PEDULI_')));
  const out = fs.openSync(log, 'a');
  const proc = spawn(bin, args, { cwd: root, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  proc.on('exit', (code, sig) => { exited = `exit ${code ?? sig}`; });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const done = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, dataDir, log, stop };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
  throw new Error(`server did not start (${exited || `no /healthz within ${timeoutMs / 1000} s`}):\n${tail}`);
}
