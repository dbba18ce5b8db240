import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';

/** The Bot Framework app settings (MICROSOFT_APP_*); no appId means unauthenticated local testing. */
export interface TeamsCredentials {
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMsi';
  tenantId?: string;
  /** the longest one Bot Connector call (the reply to a turn), retries included, may take; default 5 s */
  sendTimeoutMs?: number;
}

/** The outcome of a successful Bot Framework authentication, handed on to the turn. */
export type TeamsAuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
/** The part of @azure/core-rest-pipeline's request a deadline policy touches. */
interface PipelineRequestLike {
  timeout: number;
  abortSignal?: AbortSignal;
}
/** Where botbuilder's ConnectorClient keeps its @azure/core-client ServiceClient (botbuilder-stdlib's ServiceClientContext). */
interface WithPipeline {
  client?: { pipeline?: { addPolicy(policy: { name: string; sendRequest(req: PipelineRequestLike, next: (req: PipelineRequestLike) => Promise<unknown>): Promise<unknown> }): void } };
}

const DEADLINE_POLICY = 'plan-bot-deadline';

/**
 * Give every call of a Bot Connector client a deadline. botbuilder's ConnectorClient has no timeout of its own
 * (a serviceUrl that never answers held a turn for 100 s) and its factory replaces any requestPolicyFactories
 * passed in, so the policy is added to the client's pipeline once it is made. It runs before the pipeline's retry
 * policy, so the abort signal bounds the call with all its retries, and `timeout` bounds each attempt.
 */
export function withDeadline(client: ConnectorClient, ms: number): ConnectorClient {
  const pipeline = (client as unknown as WithPipeline).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder ConnectorClient has no pipeline to bound: check the botbuilder version');
  pipeline.addPolicy({
    name: DEADLINE_POLICY,
    sendRequest: (req, next) => {
      const deadline = AbortSignal.timeout(ms);
      req.abortSignal = req.abortSignal ? AbortSignal.any([req.abortSignal, deadline]) : deadline;
      req.timeout = req.timeout > 0 ? Math.min(req.timeout, ms) : ms;
      return next(req);
    },
  });
  return client;
}

/** botbuilder's configuration-driven authentication, whose connector clients (replies to turns) have a deadline. */
class BoundedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    settings: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ConfigurationServiceClientCredentialFactory,
    private readonly sendTimeoutMs: number,
  ) {
    super(settings, credentials);
  }

  override createConnectorFactory(claimsIdentity: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0]): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    const ms = this.sendTimeoutMs;
    return { create: async (serviceUrl: string, audience?: string) => withDeadline(await inner.create(serviceUrl, audience), ms) };
  }
}

/**
 * botbuilder's CloudAdapter with authentication and processing as two steps, so that our route decides
 * the status of a rejected request (401, nothing processed) and logs it through our logger.
 */
export class TeamsAdapter extends CloudAdapter {
  /** Validate the Bot Framework JWT of a request (issuer, audience = our app id, expiry, signature, serviceurl claim). */
  authenticate(activity: object, authHeader: string): Promise<TeamsAuthResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity as Activity, authHeader);
  }

  /** Run a turn for an authenticated activity; returns the invoke response, if the activity was an invoke. */
  run(auth: TeamsAuthResult, activity: object, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity as Activity, logic);
  }
}

/** Build the adapter from the MICROSOFT_APP_* settings with botbuilder's configuration-driven authentication. */
export function createTeamsAdapter(c: TeamsCredentials): TeamsAdapter {
  const settings = {
    MicrosoftAppId: c.appId ?? '',
    MicrosoftAppPassword: c.appPassword ?? '',
    MicrosoftAppType: c.appType ?? 'MultiTenant',
    MicrosoftAppTenantId: c.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  return new TeamsAdapter(new BoundedAuthentication(settings, credentials, c.sendTimeoutMs ?? 5_000));
}
