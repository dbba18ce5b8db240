/**
 * Which serviceUrls an unauthenticated request may name. Without an app id nobody vouches for the request, and
 * the bot posts its answer to whatever serviceUrl the body says; so in that mode (TEAMS_ALLOW_UNAUTHENTICATED,
 * local testing) the answer may go only to this machine's loopback, on the configured Emulator ports. The host
 * is checked as written, before any URL normalisation, so numeric tricks (0x7f000001, 2130706433, 127.1,
 * [::ffff:127.0.0.1]) are refused rather than normalised into loopback. With an app id the signed serviceurl
 * claim settles it instead.
 */

/** scheme://host:port as written, then a path or nothing; userinfo, other hosts and missing ports do not match. */
const LOOPBACK_URL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]):(\d{1,5})(\/[^\s]*)?$/i;

/** Whether an unauthenticated activity may have its answer posted to this serviceUrl. */
export function allowedWithoutAuth(serviceUrl: string, ports: readonly number[]): boolean {
  const m = LOOPBACK_URL.exec(serviceUrl);
  if (!m) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
  // the parser must agree with what was written (no backslash or percent tricks moving the host)
  if (url.hostname.toLowerCase() !== m[1]!.toLowerCase() || url.username || url.password) return false;
  return ports.includes(Number(m[2]));
}
