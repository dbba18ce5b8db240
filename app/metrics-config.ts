import { z } from 'zod';
import { isListenAddress, LISTEN_ADDRESS, optionalString } from '../src/config.js';

/** How /metrics is served: on a port of its own (METRICS_PORT), or on the main port behind a bearer token. */
export interface MetricsSettings {
  /** METRICS_PORT: a server of its own serving only /metrics, /healthz and /readyz (0: any free port) */
  port?: number;
  /** METRICS_HOST: the address that server listens on (default HOST) */
  host?: string;
  /** METRICS_TOKEN: the bearer token a scrape must send (required on the main port; optional on METRICS_PORT) */
  token?: string;
}

/**
 * The metrics slice of the configuration. /metrics is off unless configured: METRICS_PORT serves it on a server of
 * its own (bound to METRICS_HOST, else HOST); METRICS_TOKEN without METRICS_PORT serves it on the main port, only to
 * a request with Authorization: Bearer METRICS_TOKEN (with METRICS_PORT, the token is required there too).
 */
export const MetricsConfigSchema = z
  .object({
    METRICS_PORT: optionalString
      .refine((v) => v === undefined || (/^\d{1,5}$/.test(v) && Number(v) <= 65_535), 'expected a port number 0–65535 (0: any free port)')
      .transform((v) => (v === undefined ? undefined : Number(v))),
    METRICS_HOST: optionalString.refine((v) => v === undefined || isListenAddress(v), LISTEN_ADDRESS),
    METRICS_TOKEN: optionalString.refine((v) => v === undefined || /^[\x21-\x7e]{16,512}$/.test(v), 'expected at least 16 printable characters without spaces (e.g. openssl rand -hex 32)'),
  })
  .transform((e): { metrics?: MetricsSettings } => {
    if (e.METRICS_PORT === undefined && e.METRICS_TOKEN === undefined) return {};
    return { metrics: { ...(e.METRICS_PORT !== undefined ? { port: e.METRICS_PORT } : {}), ...(e.METRICS_HOST ? { host: e.METRICS_HOST } : {}), ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}) } };
  });
