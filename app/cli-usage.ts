import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/package-root.js';

/** What `plan-bot help` prints: every command in one screen. */
export const USAGE = `plan-bot — work with a national policy plan from chat

Usage:
  plan-bot ask [--json] [--store memory|redis://…] TEXT…   answer one question
  plan-bot chat [--json] [--store memory|redis://…]        answer each line of stdin until EOF
  plan-bot serve                                           serve Slack (and Teams) over HTTP until SIGTERM
  plan-bot digest preview [--topic T] [--date YYYY-MM-DD] [--tz Zone] [--json]   print a day's digest
  plan-bot digest run [--now ISO-8601]                     deliver every digest due now, once, and exit (cron)
  plan-bot subscriptions list [--platform slack|teams] [--workspace ID] [--channel ID] [--json]
                                                           each digest subscription: next delivery, last delivery, last failure
  plan-bot installations list [--json]                     the Slack workspaces and orgs plan-bot is installed in (never tokens)
  plan-bot keys rotate                                     re-encrypt every installation with the first INSTALLATION_ENCRYPTION_KEYS key
  plan-bot help | --help                                   this text; plan-bot COMMAND --help for one command
  plan-bot --version                                       the version

A chat line may be plain text (one default conversation) or a JSON object
{"conversation": "...", "text": "..."} to pick the conversation.
The store defaults to REDIS_URL when it is set, otherwise memory.`;

/** Each command's own --help: what it does, its flags, and the settings it reads (nothing is started). */
export const COMMAND_USAGE: Record<string, string> = {
  ask: `Usage: plan-bot ask [--json] [--store memory|redis://…] TEXT…

Answer one question, as Slack or Teams would, and exit.
  --json           print the reply as JSON (the Reply model) instead of text
  --store SPEC     memory, or redis://host:port for the conversation's context (default: REDIS_URL, else memory)
Use -- before a question that starts with "-".`,
  chat: `Usage: plan-bot chat [--json] [--store memory|redis://…]

Answer each line of stdin until EOF, one output per line. A line is plain text (one default conversation) or
{"conversation": "...", "text": "...", "thread"?: "...", "user"?: "..."}; a bad line gets an error line and the
loop goes on.
  --json           one JSON reply per line
  --store SPEC     memory, or redis://host:port (default: REDIS_URL, else memory)`,
  serve: `Usage: plan-bot serve

Serve Slack (/slack/events), Teams (/api/messages), /healthz and /readyz over HTTP until SIGTERM, and deliver
the daily digests. Configured by the environment (README: Configuration, Slack, Microsoft Teams): PORT, HOST,
REDIS_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, MICROSOFT_APP_ID, … A bad setting stops it at start, naming it.
Prometheus metrics at /metrics (README: Metrics) only when configured: METRICS_PORT (a port of their own, bound to
METRICS_HOST or HOST), or METRICS_TOKEN alone (on the main port, for Authorization: Bearer METRICS_TOKEN).`,
  subscriptions: `Usage: plan-bot subscriptions list [--platform slack|teams] [--workspace ID] [--channel ID] [--json]

List the daily digest subscriptions, active and deactivated, each with its schedule, its next delivery, its last
delivery and its last failure (from its delivery log). Reads REDIS_URL and REDIS_PREFIX, as plan-bot serve does.
  --platform P     only slack or only teams
  --workspace ID   only this Slack team or Teams tenant (read through its index)
  --channel ID     only this channel (with --workspace, read through the channel's index)
  --json           one JSON object per subscription`,
  digest: `Usage:
  plan-bot digest preview [--topic T] [--date YYYY-MM-DD] [--tz Zone] [--json]
      print the digest a channel would get on a day (default: today in --tz, default Asia/Shanghai)
  plan-bot digest run [--now ISO-8601]
      deliver every digest due now, once, and exit (for cron; needs REDIS_URL)`,
  installations: `Usage: plan-bot installations list [--json]

List the Slack workspaces and Enterprise Grid orgs that installed plan-bot (OAuth mode): team and enterprise ids
and names, when each installed and was last updated, and whether its token rotates and when it expires. Tokens are
never printed. Reads REDIS_URL and REDIS_PREFIX, as plan-bot serve does.
  --json           one JSON object per installation`,
  keys: `Usage: plan-bot keys rotate

Re-encrypt every stored installation with the first key of INSTALLATION_ENCRYPTION_KEYS (id:base64, comma-separated;
generate one with: openssl rand -base64 32). Rotation: put the new key first and keep the old one after it, restart
serve, run plan-bot keys rotate, then drop the old key. Prints {"installations", "rotated", "current", "unreadable"}
and exits 1 when an installation opens with none of the keys. Reads REDIS_URL, REDIS_PREFIX and the Slack OAuth
variables, as plan-bot serve does.`,
};

/** plan-bot's version, from its package.json. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name?: string; version?: string };
  return `${pkg.name ?? 'plan-bot'} ${pkg.version ?? '0.0.0'}`;
}
