// Finds secrets in log lines: as written, URL-encoded, base64 and base64url at every byte alignment (so a secret
// inside a longer encoded value, like a Basic header or a JSON blob, is found too), hex, and, for a secret read
// from the configuration, any 12 characters of it in a row (a clipped or partly printed value).

/** The base64 characters that depend only on the secret's bytes, when it starts `shift` bytes into a value. */
function base64Core(secret: Buffer, shift: number): string {
  const buf = Buffer.concat([Buffer.alloc(shift, 0), secret]);
  const enc = buf.toString('base64');
  return enc.slice(shift === 0 ? 0 : 4, Math.floor(buf.length / 3) * 4);
}

/** Every form in which this secret would be recognisable in a log line. */
export function secretForms(secret: string, opts: { fragments?: boolean } = {}): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), bytes.toString('hex')]);
  for (const shift of [0, 1, 2]) {
    const core = base64Core(bytes, shift);
    forms.add(core);
    forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  if (opts.fragments && secret.length > 12) for (let i = 0; i + 12 <= secret.length; i++) forms.add(secret.slice(i, i + 12));
  return [...forms].filter((f) => f.length >= 8);
}

export interface Leak {
  secret: string;
  form: string;
  line: string;
}

/** Every line that holds one of the secrets in one of its forms (hex compared case-insensitively). */
export function findLeaks(lines: string[], secrets: Record<string, { value: string; fragments?: boolean }>): Leak[] {
  const leaks: Leak[] = [];
  const wanted = Object.entries(secrets).flatMap(([name, s]) => secretForms(s.value, { fragments: s.fragments }).map((form) => ({ name, form })));
  for (const line of lines) {
    const lower = line.toLowerCase();
    for (const { name, form } of wanted) {
      if (line.includes(form) || (/^[0-9a-f]+$/.test(form) && lower.includes(form))) leaks.push({ secret: name, form, line: line.slice(0, 400) });
    }
  }
  return leaks;
}
