/**
 * Passage links: every cited passage has a page of its own under PUBLIC_URL, addressed by its stable id (built from
 * its place in the plan, so a link survives a content reload). One module builds and reads them, so that the reader
 * pages, the answers' citations and the unfurlers of every platform agree on the shape:
 *   PUBLIC_URL/plan/<plan-id>                the whole plan with its outline
 *   PUBLIC_URL/p/<plan-id>/<local-id>        one passage, e.g. /p/xinxihua-14th/box14.i1 for xinxihua-14th:box14.i1
 */

/** A passage id split into its plan and its place inside the plan. */
export interface PassageAddress {
  planId: string;
  /** the passage id without the plan prefix, e.g. box14.i1 */
  localId: string;
  /** the whole stable id, e.g. xinxihua-14th:box14.i1 */
  passageId: string;
}

const PLAN_ID = /^[a-z0-9][a-z0-9-]*$/;
const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Split a stable passage id (plan:local) into its parts; undefined when it is not one. */
export function passageAddress(passageId: string): PassageAddress | undefined {
  const colon = passageId.indexOf(':');
  if (colon <= 0) return undefined;
  const planId = passageId.slice(0, colon);
  const localId = passageId.slice(colon + 1);
  if (!PLAN_ID.test(planId) || !LOCAL_ID.test(localId)) return undefined;
  return { planId, localId, passageId };
}

/** PUBLIC_URL without a trailing slash, so that paths can be appended. */
function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** The reader page of one passage, for citations and share buttons; undefined for an id that has no page. */
export function passageUrl(publicUrl: string, passageId: string): string | undefined {
  const a = passageAddress(passageId);
  return a ? `${base(publicUrl)}/p/${a.planId}/${a.localId}` : undefined;
}

/** The reader page of a whole plan, with its outline: where a link to a vanished passage leads back to. */
export function planUrl(publicUrl: string, planId: string): string {
  return `${base(publicUrl)}/plan/${planId}`;
}

/** The path of a passage's page (what the HTTP route sees), or undefined when the path is not one. */
export function parsePassagePath(path: string): PassageAddress | undefined {
  const m = /^\/p\/([^/?#]+)\/([^/?#]+)\/?$/.exec(path);
  if (!m) return undefined;
  let planId: string;
  let localId: string;
  try {
    planId = decodeURIComponent(m[1]!);
    localId = decodeURIComponent(m[2]!);
  } catch (err) {
    // a malformed %-escape is simply not a passage path
    if (err instanceof URIError) return undefined;
    throw err;
  }
  return passageAddress(`${planId}:${localId}`);
}

/**
 * Read a link someone shared (Slack link_shared, Teams queryLink): the passage it points at when it is one of this
 * deployment's passage pages (same origin as PUBLIC_URL, under its path), else undefined.
 */
export function parsePassageUrl(publicUrl: string, url: string): PassageAddress | undefined {
  let u: URL;
  let b: URL;
  try {
    u = new URL(url);
    b = new URL(base(publicUrl));
  } catch (err) {
    if (err instanceof TypeError) return undefined;
    throw err;
  }
  if (u.origin !== b.origin) return undefined;
  const prefix = b.pathname.replace(/\/+$/, '');
  if (!u.pathname.startsWith(`${prefix}/p/`)) return undefined;
  return parsePassagePath(u.pathname.slice(prefix.length));
}
