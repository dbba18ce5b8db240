/**
 * Split a byte or text stream into lines at "\n" only; the "\r" of a CRLF ending is dropped. Unlike node:readline,
 * a lone "\r" inside a line stays in that line, so every input line of `plan-bot chat` gets exactly one answer.
 */
export async function* readLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let buf = '';
  const line = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
  for await (const chunk of input) {
    buf += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
      yield line(buf.slice(start, nl));
      start = nl + 1;
    }
    buf = buf.slice(start);
  }
  buf += decoder.decode();
  if (buf.length > 0) yield line(buf);
}
