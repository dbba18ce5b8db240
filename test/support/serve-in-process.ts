// One in-process plan-bot serve for a test file: on a free port of 127.0.0.1, its log lines kept, and one close()
// that also puts nock back (the harnesses stand in for Slack's and Microsoft's endpoints with nock).
import './node20-nock.js';
import { Writable } from 'node:stream';
import nock from 'nock';
import type { Config } from '../../app/config.js';
import { startServe, type Serving } from '../../app/serve.js';
import { createLogger } from '../../src/logger.js';
import { knowledge } from './knowledge.js';

/** A started serve: its base URL, its log lines (debug and up), and how to stop it and reset nock. */
export interface InProcessServe {
  serving: Serving;
  base: string;
  logs: string[];
  close(): Promise<void>;
}

/** Start plan-bot serve with this configuration, logging into `logs`, and the test content loaded once per file. */
export async function serveInProcess(config: Config, logs: string[] = []): Promise<InProcessServe> {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const serving = await startServe({ config, knowledge: knowledge(), logger: createLogger('debug', sink), host: '127.0.0.1' });
  return {
    serving,
    base: `http://127.0.0.1:${serving.port}`,
    logs,
    close: async () => {
      await serving.close();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
