// The mails the server's mailer wrote to a Maildir (mailer.cc: <data_dir>/mail), for specs
// that follow a mailed link.
import fs from 'node:fs';
import path from 'node:path';

// The messages in <maildir>/new: { file, headers (names lower-cased), body (base64 decoded) }.
export function readMails(maildir) {
  const dir = path.join(maildir, 'new');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => {
    const raw = fs.readFileSync(path.join(dir, f), 'utf8');
    const cut = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
    const head = raw.slice(0, cut);
    const headers = {};
    for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
    }
    let body = raw.slice(cut).trim();
    if (/base64/i.test(headers['content-transfer-encoding'] || '')) {
      body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    return { file: f, headers, body };
  });
}
