/**
 * Reads the text/plain body of a raw RFC 5322 message (as nodemailer writes it: one text part,
 * possibly inside multipart, base64 or quoted-printable, UTF-8), so tests can check what a real
 * SMTP peer received.
 */
function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

export function plainTextOf(raw: Buffer | string): string {
  const message = typeof raw === 'string' ? raw : raw.toString('latin1');
  const parts = message.split(/\r?\n(?=--)/);
  for (const part of parts.length > 1 ? parts : [message]) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    if (!/content-type:\s*text\/plain/i.test(headers)) continue;
    const body = part.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n--[^\r\n]*--\s*$/, '');
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8');
    return Buffer.from(body, 'latin1').toString('utf8');
  }
  throw new Error('no text/plain part in the message');
}
