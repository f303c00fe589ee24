import { resolveConnection, targetKey } from "../../provider/connection";

const none = () => undefined;

describe("resolveConnection", () => {
  test("input wins over stack config, which wins over the environment, field by field", () => {
    const config = (key: string) => ({ "kore:appId": "st-config", "kore:clientSecret": "config-secret" })[key];
    const env = { KORE_HOST: "https://env.example", KORE_APP_ID: "st-env", KORE_ACCOUNT_ID: "acct-env", KORE_CLIENT_ID: "cs-env", KORE_CLIENT_SECRET: "env-secret" };
    const resolved = resolveConnection({ accountId: "acct-input" }, config, env);
    expect(resolved.target).toEqual({ host: "https://env.example", appId: "st-config", accountId: "acct-input" });
    expect(resolved.credentials).toEqual({ clientId: "cs-env", clientSecret: "config-secret" });
  });

  test("a ready-made JWT is used instead of a client id and secret", () => {
    const resolved = resolveConnection({ host: "https://h.example", appId: "st-a", accountId: "a", jwt: "token-value" }, none, {});
    expect(resolved.credentials).toEqual({ jwt: "token-value" });
  });

  test("missing settings: one error naming each missing one and the three ways to set it", () => {
    let message = "";
    try {
      resolveConnection({ host: "https://h.example" }, none, { KORE_CLIENT_ID: "cs-x" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/appId \(stack config kore:appId, environment KORE_APP_ID\)/);
    expect(message).toMatch(/accountId \(stack config kore:accountId, environment KORE_ACCOUNT_ID\)/);
    expect(message).toMatch(/clientSecret \(kore:clientSecret, KORE_CLIENT_SECRET\).*jwt/);
    expect(message).not.toMatch(/- host/);
    expect(message).toMatch(/`connection` input.*stack config.*environment variables/s);
  });

  test("blank values count as missing", () => {
    expect(() => resolveConnection({ host: " ", appId: "st", accountId: "a", jwt: "t" }, none, {})).toThrow(/host/);
  });

  test("targetKey ignores host case and trailing slashes but not the app", () => {
    const a = targetKey({ host: "https://Platform.Kore.ai/", appId: "st-1", accountId: "x" });
    expect(a).toBe(targetKey({ host: "https://platform.kore.ai", appId: "st-1", accountId: "x" }));
    expect(a).not.toBe(targetKey({ host: "https://platform.kore.ai", appId: "st-2", accountId: "x" }));
  });
});
