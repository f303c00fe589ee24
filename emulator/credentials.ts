import type { EmulatorCredentials } from "./types";

/** Credentials for local demos only. Anyone can read them here; never use them against Kore.ai. */
export const DEMO_CREDENTIALS: Readonly<EmulatorCredentials> = Object.freeze({
  appId: "st-emulator-demo-app",
  accountId: "emulator-demo-account",
  clientId: "cs-emulator-demo-client",
  clientSecret: "emulator-demo-secret-do-not-use-in-production",
});

/** Fills what is missing from DEMO_CREDENTIALS. */
export function resolveCredentials(partial: Partial<EmulatorCredentials> = {}): EmulatorCredentials {
  const pick = (key: keyof EmulatorCredentials): string => partial[key] || DEMO_CREDENTIALS[key];
  return { appId: pick("appId"), accountId: pick("accountId"), clientId: pick("clientId"), clientSecret: pick("clientSecret") };
}

/** Reads KORE_APP_ID, KORE_ACCOUNT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET (each falling back to the demo value). */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): EmulatorCredentials {
  return resolveCredentials({
    appId: env.KORE_APP_ID,
    accountId: env.KORE_ACCOUNT_ID,
    clientId: env.KORE_CLIENT_ID,
    clientSecret: env.KORE_CLIENT_SECRET,
  });
}

/** How a client reaches the emulator at `url`: the fields of a VoiceCampaign `connection` input. */
export function clientConnection(url: string, credentials: EmulatorCredentials = DEMO_CREDENTIALS) {
  return { host: url, ...credentials };
}

/** The same as the KORE_* environment variables the provider reads at run time. */
export function clientEnv(url: string, credentials: EmulatorCredentials = DEMO_CREDENTIALS): Record<string, string> {
  return {
    KORE_HOST: url,
    KORE_APP_ID: credentials.appId,
    KORE_ACCOUNT_ID: credentials.accountId,
    KORE_CLIENT_ID: credentials.clientId,
    KORE_CLIENT_SECRET: credentials.clientSecret,
  };
}
