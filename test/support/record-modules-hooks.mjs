// The module hooks of record-modules.mjs (they run on the loader's own thread): append each resolved URL to the file.
import { appendFileSync } from 'node:fs';

let file;

/** Receives the file to write to from record-modules.mjs. */
export function initialize(data) {
  file = data.file;
}

/** Resolves as Node would, then records the result. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
