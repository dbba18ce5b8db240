// `node --import ./scripts/bench/heap-sample.mjs?after=6000&for=12000 …` (or in BENCH_SERVE_NODE_OPTIONS for
// `npm run bench:slack`): samples what a process allocates that outlives the young generation, i.e. what is
// promoted into the old generation (V8's sampling heap profiler, keeping objects a full collection frees and dropping
// those a scavenge frees). Starts `after` ms from start, stops `for` ms later and writes
// <tmpdir>/plan-bot-promoted-<pid>.heapprofile (Chrome DevTools' format; summarise it with heap-sample-top.mjs).
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const params = new URL(import.meta.url).searchParams;
const after = Number(params.get('after') ?? 6000);
const span = Number(params.get('for') ?? 12000);
const file = join(tmpdir(), `plan-bot-promoted-${process.pid}.heapprofile`);
const session = new Session();
session.connect();
/** The inspector's callback API as a promise. */
const post = (method, args) => new Promise((resolve, reject) => session.post(method, args, (err, res) => (err ? reject(err) : resolve(res))));
const fail = (err) => process.stderr.write(`heap-sample: ${err.message}\n`);

setTimeout(() => {
  post('HeapProfiler.enable')
    .then(() => post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false }))
    .then(() => {
      setTimeout(() => {
        post('HeapProfiler.stopSampling')
          .then(({ profile }) => {
            writeFileSync(file, JSON.stringify(profile));
            process.stderr.write(`heap-sample: wrote ${file}\n`);
          })
          .catch(fail);
      }, span).unref();
    })
    .catch(fail);
}, after).unref();
