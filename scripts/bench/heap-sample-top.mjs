// `node scripts/bench/heap-sample-top.mjs FILE.heapprofile [N]`: the functions whose allocations were sampled in a
// heap profile (heap-sample.mjs), by self and by inclusive MB, the N largest of each (20 unless told).
import { readFileSync } from 'node:fs';

const [file, n = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: heap-sample-top.mjs FILE.heapprofile [N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const inclusive = new Map();
let total = 0;
/** A call frame as "function file:line", the path shortened to the package or the repository. */
const name = (f) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(dist|src|adapters|app)\//, '$1/')}:${f.lineNumber + 1}`;
/** Walk the tree, crediting each node's own bytes to it and, once each, to every frame above it. */
function walk(node, above) {
  const key = name(node.callFrame);
  const stack = above.includes(key) ? above : [...above, key];
  total += node.selfSize;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  if (node.selfSize) for (const k of stack) inclusive.set(k, (inclusive.get(k) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child, stack);
}
walk(profile.head, []);
const mb = (b) => (b / 1048576).toFixed(1).padStart(7);
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`sampled ${mb(total)} MB`);
console.log('self MB');
for (const [k, v] of top(self)) console.log(`${mb(v)}  ${k}`);
console.log('inclusive MB');
for (const [k, v] of top(inclusive)) console.log(`${mb(v)}  ${k}`);
