// Gives every test a real Redis: REDIS_URL when it is set (and answers), otherwise a redis-server started here
// on a free port. If neither works the run fails with a clear message; tests are never skipped.
import type { ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { redisAnswers, startRedisServer } from './local-redis.js';

let child: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  let url = process.env.REDIS_URL;
  if (!url || !(await redisAnswers(url, (m) => console.warn(`redis at ${url} did not answer: ${m}`)))) {
    try {
      const own = await startRedisServer();
      child = own.child;
      url = own.url;
    } catch (err) {
      throw new Error(`No Redis for the tests: REDIS_URL is unset or not answering, and ${(err as Error).message}.`);
    }
  }
  project.provide('redisUrl', url);
  return async () => {
    child?.kill('SIGTERM');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
