import { z } from 'zod';
import { MAX_PAGE, searchPassages } from '../../src/conversation/passage-search.js';
import type { Knowledge } from '../../src/knowledge.js';
import { forLog, type Logger } from '../../src/logger.js';
import { clipText } from '../../src/reply/clip.js';
import { parsePassageUrl } from '../../src/reply/passage-link.js';
import { passageResult } from '../../src/reply/passage-result.js';
import type { ResultItem } from '../../src/reply/reply.js';
import { fallbackInvokeReply, type InvokeReply } from './invoke-response.js';
import { passageAttachment } from './passage-card.js';

/**
 * plan-bot's Teams message extension (composeExtensions in the app manifest): a search command in the compose box
 * (composeExtension/query), and link unfurling of PUBLIC_URL's passage links (composeExtension/queryLink). Both are
 * answered synchronously from the loaded plans, with no conversation context, in a few milliseconds.
 */

/** The search command's id, as the manifest declares it. */
export const SEARCH_COMMAND = 'searchPlan';
/** The search command's one parameter, as the manifest declares it. */
export const QUERY_PARAMETER = 'query';
/** The invoke names the message extension answers. */
export const EXTENSION_INVOKES = ['composeExtension/query', 'composeExtension/queryLink'] as const;

/** What Teams is told when a search finds nothing; the query is echoed clipped and without markup characters. */
export const NOTHING_FOUND = (q: string) => `规划中没有找到与「${clipText(q.replace(/[<>&*_`\[\]\\]/g, ' ').replace(/\s+/g, ' ').trim(), 30)}」相关的段落,换个说法试试,例如“应急管理”“数据安全”“专栏14”。`;

/** A composeExtension/query value: the command, its parameters (initialRun when nothing is typed yet), and the page. */
const QueryValue = z.looseObject({
  commandId: z.string().max(200),
  parameters: z.array(z.looseObject({ name: z.string().max(200), value: z.unknown() })).max(20).default([]),
  queryOptions: z
    .looseObject({
      skip: z.coerce.number().int().min(0).max(10_000).catch(0),
      count: z.coerce.number().int().min(1).max(1_000).catch(MAX_PAGE),
    })
    .partial()
    .optional()
    .catch(undefined),
});

/** A composeExtension/queryLink value: the URL pasted into the compose box. */
const QueryLinkValue = z.looseObject({ url: z.string().max(4096) });

/** What the message extension needs: the loaded plans, PUBLIC_URL (the links it unfurls and cites), a logger. */
export interface MessageExtensionDeps {
  knowledge: Knowledge;
  publicUrl?: string;
  logger: Logger;
}

/** Answers a message extension invoke by its name and value; undefined for an invoke it does not handle. */
export type MessageExtension = (name: string, value: unknown) => InvokeReply | undefined;

/** A result list: the attachments Teams lists (each with its preview) and the user picks one of to insert. */
function resultReply(items: ResultItem[]): InvokeReply {
  return { status: 200, body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: items.map(passageAttachment) } } };
}

/** A text Teams shows in place of the result list. */
function textReply(text: string): InvokeReply {
  return { status: 200, body: { composeExtension: { type: 'message', text } } };
}

/** The query text of a search: the query parameter's value; '' for the initial run or when nothing usable is typed. */
function queryText(parameters: { name: string; value: unknown }[]): string {
  const p = parameters.find((x) => x.name === QUERY_PARAMETER);
  if (!p) return '';
  return typeof p.value === 'string' ? p.value : typeof p.value === 'number' ? String(p.value) : '';
}

/** Build the message extension's invoke handler over the loaded plans. */
export function createMessageExtension(deps: MessageExtensionDeps): MessageExtension {
  const { knowledge, publicUrl, logger } = deps;

  const query = (value: unknown): InvokeReply => {
    const parsed = QueryValue.safeParse(value);
    if (!parsed.success) {
      logger.info({ code: 'TEAMS_INVOKE_INVALID', invoke: 'composeExtension/query' }, 'compose-box search with a value it does not document; answered with no results');
      return resultReply([]);
    }
    const v = parsed.data;
    if (v.commandId !== SEARCH_COMMAND) return fallbackInvokeReply('composeExtension/query');
    const text = queryText(v.parameters);
    const started = performance.now();
    const found = searchPassages(knowledge, text, { skip: v.queryOptions?.skip ?? 0, count: v.queryOptions?.count ?? MAX_PAGE, ...(publicUrl ? { publicUrl } : {}) });
    logger.debug({ query: forLog(text), total: found.total, shown: found.items.length, ms: Math.round(performance.now() - started) }, 'teams compose-box search');
    if (found.total === 0 && text.trim()) return textReply(NOTHING_FOUND(text.trim()));
    return resultReply(found.items);
  };

  const queryLink = (value: unknown): InvokeReply => {
    const parsed = QueryLinkValue.safeParse(value);
    // not a link of this deployment, or to a passage that is gone: an empty result, so Teams leaves the link as it is
    const address = parsed.success && publicUrl ? parsePassageUrl(publicUrl, parsed.data.url) : undefined;
    const item = address ? passageResult(knowledge, address.passageId, publicUrl) : undefined;
    logger.debug({ url: forLog(parsed.success ? parsed.data.url : ''), passage: item?.id }, 'teams link unfurl');
    return resultReply(item ? [item] : []);
  };

  return (name, value) => (name === 'composeExtension/query' ? query(value) : name === 'composeExtension/queryLink' ? queryLink(value) : undefined);
}
