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
}

/** The outcome of a successful Bot Framework authentication, handed on to the turn. */
export type TeamsAuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

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
  return new TeamsAdapter(new ConfigurationBotFrameworkAuthentication(settings, credentials));
}
