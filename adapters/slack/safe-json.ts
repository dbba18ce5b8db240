/** The result of parsing untrusted JSON: the value, or why it is not JSON. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: string };

/** Parse untrusted JSON without throwing, so a malformed payload becomes a clean 400 instead of a crash. */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}
