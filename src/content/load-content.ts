import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CodedError } from '../errors.js';
import { parsePlan } from './parse-plan.js';
import { PlanMeta, type Plan } from './plan-schema.js';

/** Read content/plans/*.txt (each with an optional NAME.meta.json beside it) into parsed plans. */
export function loadPlans(plansDir: string, display: (s: string) => string): Plan[] {
  if (!existsSync(plansDir)) throw new CodedError('CONTENT_NOT_FOUND', `plans folder ${plansDir} does not exist; set CONTENT_DIR to the folder holding plans/`);
  const files = readdirSync(plansDir).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new CodedError('CONTENT_NOT_FOUND', `no plan texts (*.txt) in ${plansDir}`);
  return files.map((file) => loadPlanFile(join(plansDir, file), display));
}

/** Parse one plan file and merge its metadata file (the metadata file wins over what the text says). */
export function loadPlanFile(path: string, display: (s: string) => string): Plan {
  const id = basename(path, '.txt');
  const metaPath = path.replace(/\.txt$/, '.meta.json');
  let fileMeta: Record<string, unknown> = {};
  if (existsSync(metaPath)) {
    try {
      fileMeta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new CodedError('CONTENT_INVALID', `${metaPath} is not valid JSON: ${(err as Error).message}`);
    }
  }
  const raw = readFileSync(path, 'utf8');
  const planId = typeof fileMeta.id === 'string' ? fileMeta.id : id;
  const provisional = PlanMeta.safeParse({ id: planId, title: planId });
  if (!provisional.success) throw new CodedError('CONTENT_INVALID', `${path}: plan id "${planId}" must be lowercase letters, digits and dashes`);
  // the text itself names its title, chapter, issuer and date; the metadata file adds to it and wins
  const { plan, header } = parsePlan(raw, provisional.data, { display });
  const merged = PlanMeta.safeParse({
    id: planId,
    title: header.title ?? id,
    excerpt: header.excerpt,
    issuer: header.issuer,
    date: header.date,
    chapter: header.chapter,
    ...fileMeta,
  });
  if (!merged.success) {
    throw new CodedError('CONTENT_INVALID', `${metaPath}: ${merged.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return { ...plan, meta: merged.data };
}
