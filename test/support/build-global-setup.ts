// Builds dist/ once before the tests: the CLI tests run bin/plan-bot.js as a real child process, and it runs the
// built JavaScript, so the build must be of the sources under test (tsc emit only, under a second).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_DIR } from './plan-bot-process.js';

export default async function setup() {
  try {
    await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: REPO_DIR, timeout: 120_000 });
  } catch (err) {
    const e = err as Error & { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed before the tests: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
