/**
 * Which serviceUrls an unauthenticated request may name. Without an app id nobody vouches for the request,
 * and the bot posts its answer to whatever serviceUrl the body says; limiting that to this machine (the Bot
 * Framework Emulator, tests) and to the Bot Framework's own hosts keeps the endpoint from being used to
 * make the bot POST to arbitrary hosts. With an app id the signed serviceurl claim settles it instead.
 */

/** Hosts of the Bot Framework Connector (public and government clouds). */
const CONNECTOR_HOSTS = [/(^|\.)trafficmanager\.net$/i, /(^|\.)botframework\.com$/i, /(^|\.)botframework\.us$/i, /(^|\.)botframework\.azure\.us$/i, /(^|\.)teams\.microsoft\.com$/i];

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether an unauthenticated activity may have its answer posted to this serviceUrl. */
export function allowedWithoutAuth(serviceUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
  if (LOOPBACK.has(url.hostname)) return true;
  return url.protocol === 'https:' && CONNECTOR_HOSTS.some((h) => h.test(url.hostname));
}
