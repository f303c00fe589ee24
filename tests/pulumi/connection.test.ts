import { assertKoreCallsAllowed, checkConnectionInput, resolveConnection, targetKey, targetOf, ConnectionError } from "../../provider/pulumi/connection";

const none = () => undefined;
const configOf = (values: Record<string, string>) => (key: string) => values[key];
const TARGET_ENV = { KORE_HOST: "https://env.example", KORE_APP_ID: "st-env", KORE_ACCOUNT_ID: "acct-env" };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectionError);
    return (err as Error).message;
  }
  throw new Error("expected a ConnectionError");
}

describe("resolveConnection: the default connection", () => {
  test("credentials come as a whole from stack config when it names any; the environment's pair is not mixed in", () => {
    const config = configOf({ "kore:clientId": "cs-config", "kore:clientSecret": "config-secret" });
    const env = { ...TARGET_ENV, KORE_CLIENT_ID: "cs-env", KORE_CLIENT_SECRET: "env-secret", KORE_JWT: "env.jwt.value" };
    expect(resolveConnection(undefined, config, env).credentials).toEqual({ clientId: "cs-config", clientSecret: "config-secret" });
  });

  test("a JWT for another app in the environment does not beat the client id/secret in stack config (defect 2)", () => {
    const config = configOf({ "kore:clientId": "cs-a", "kore:clientSecret": "secret-a" });
    const resolved = resolveConnection(undefined, config, { ...TARGET_ENV, KORE_JWT: "jwt-of-app-b" });
    expect(resolved.credentials).toEqual({ clientId: "cs-a", clientSecret: "secret-a" });
  });

  test("the environment is used when stack config names no credential", () => {
    const resolved = resolveConnection(undefined, configOf({ "kore:appId": "st-config" }), { ...TARGET_ENV, KORE_CLIENT_ID: "cs-env", KORE_CLIENT_SECRET: "s" });
    expect(resolved.credentials).toEqual({ clientId: "cs-env", clientSecret: "s" });
    expect(resolved.target).toEqual({ host: "https://env.example", appId: "st-config", accountId: "acct-env" });
  });

  test("half a pair in stack config is refused, not completed from the environment", () => {
    const message = messageOf(() =>
      resolveConnection(undefined, configOf({ "kore:clientId": "cs-config" }), { ...TARGET_ENV, KORE_CLIENT_SECRET: "env-secret" }),
    );
    expect(message).toMatch(/stack config kore:\* has kore:clientId but not kore:clientSecret/);
    expect(message).not.toContain("env-secret");
  });

  test("a JWT and a client pair in one source is ambiguous and refused", () => {
    const message = messageOf(() => resolveConnection(undefined, none, { ...TARGET_ENV, KORE_JWT: "a.b.c", KORE_CLIENT_ID: "cs", KORE_CLIENT_SECRET: "s" }));
    expect(message).toMatch(/environment KORE_\* holds both a JWT \(KORE_JWT\) and a client id\/secret \(KORE_CLIENT_ID\)/);
  });

  test("a target given on the resource wins over config and environment for the target only", () => {
    const resolved = resolveConnection({ appId: "st-resource" }, none, { ...TARGET_ENV, KORE_JWT: "t" });
    expect(resolved.target).toEqual({ host: "https://env.example", appId: "st-resource", accountId: "acct-env" });
    expect(resolved.credentials).toEqual({ jwt: "t" });
  });

  test("missing settings: one error naming each missing one and where to set it", () => {
    const message = messageOf(() => resolveConnection({ host: "https://h.example" }, none, {}));
    expect(message).toMatch(/appId \(stack config kore:appId, environment KORE_APP_ID\)/);
    expect(message).toMatch(/accountId \(stack config kore:accountId, environment KORE_ACCOUNT_ID\)/);
    expect(message).toMatch(/credentials: kore:clientId and kore:clientSecret/);
    expect(message).not.toMatch(/- host/);
  });

  test("blank values count as missing", () => {
    expect(() => resolveConnection({ host: " " }, none, { KORE_APP_ID: "st", KORE_ACCOUNT_ID: "a", KORE_JWT: "t" })).toThrow(/host/);
  });
});

describe("resolveConnection: named connections", () => {
  const connections = JSON.stringify({
    emea: { host: "https://emea.example", appId: "st-emea", accountId: "acct-emea", clientId: "cs-emea", clientSecret: "emea-secret" },
    apac: { host: "https://apac.example", appId: "st-apac", accountId: "acct-apac", clientId: "cs-apac" },
  });
  const config = configOf({ "kore:connections": connections, "kore:clientId": "cs-default", "kore:clientSecret": "default-secret" });

  test("a name resolves its entry as a whole", () => {
    const resolved = resolveConnection("emea", config, { KORE_JWT: "env-jwt" });
    expect(resolved.target).toEqual({ host: "https://emea.example", appId: "st-emea", accountId: "acct-emea" });
    expect(resolved.credentials).toEqual({ clientId: "cs-emea", clientSecret: "emea-secret" });
  });

  test("an entry with half a pair is refused, not completed from the default connection", () => {
    const message = messageOf(() => resolveConnection("apac", config, {}));
    expect(message).toMatch(/kore:connections\.apac has kore:connections\.apac\.clientId but not kore:connections\.apac\.clientSecret/);
    expect(message).not.toContain("default-secret");
  });

  test("an unknown name lists the defined ones", () => {
    expect(messageOf(() => resolveConnection("us", config, {}))).toMatch(/connection "us" is not defined: .* only "emea", "apac"/);
  });

  test("a recorded target wins: refresh and destroy go where the campaign lives", () => {
    const recorded = { host: "https://old.example", appId: "st-old", accountId: "acct-old" };
    expect(resolveConnection("emea", config, {}, { recordedTarget: recorded }).target).toEqual(recorded);
  });

  test("targetOf gives the entry's target, and nothing for an unknown name", () => {
    expect(targetOf("emea", config, {})).toEqual({ host: "https://emea.example", appId: "st-emea", accountId: "acct-emea" });
    expect(targetOf("nope", config, {})).toBeUndefined();
  });
});

describe("resolveConnection: state written by versions before 0.2", () => {
  const legacy = { host: "https://h.example", appId: "st-a", accountId: "acct", clientId: "cs-old", clientSecret: "old-secret" };
  const recordedTarget = { host: "https://h.example", appId: "st-a", accountId: "acct" };

  test("current credentials win over the stored ones (a rotated secret works at once)", () => {
    const resolved = resolveConnection(undefined, configOf({ "kore:clientId": "cs-old", "kore:clientSecret": "rotated" }), {}, { recordedTarget, legacy });
    expect(resolved.credentials).toEqual({ clientId: "cs-old", clientSecret: "rotated" });
  });

  test("the stored ones are used only when no current source names credentials", () => {
    const resolved = resolveConnection(undefined, none, {}, { recordedTarget, legacy });
    expect(resolved.credentials).toEqual({ clientId: "cs-old", clientSecret: "old-secret" });
    expect(resolved.source).toMatch(/stored in state by an earlier version/);
  });
});

describe("checkConnectionInput", () => {
  test("credentials on the resource are refused, naming the field and never echoing the value", () => {
    const failures = checkConnectionInput({ appId: "st-a", clientSecret: "do-not-print-me" }, []);
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("connection.clientSecret");
    expect(failures[0].reason).toMatch(/credentials are not accepted on a resource .*stored in state/);
    expect(failures[0].reason).not.toContain("do-not-print-me");
  });

  test("a name must be defined in kore:connections", () => {
    expect(checkConnectionInput("emea", ["emea"])).toEqual([]);
    const [failure] = checkConnectionInput("emae", ["emea", "apac"]);
    expect(failure.reason).toMatch(/"emae" is not a connection in stack config kore:connections \(defined: emea, apac\)/);
  });

  test("a plain target is accepted; an http host that is not loopback is not", () => {
    expect(checkConnectionInput({ host: "https://platform.kore.ai", appId: "st-a", accountId: "a" }, [])).toEqual([]);
    expect(checkConnectionInput({ host: "http://platform.kore.ai" }, [])[0].reason).toMatch(/connection\.host: must use https/);
  });
});

test("targetKey: host case, trailing slash and default port ignored; the app is not", () => {
  const a = targetKey({ host: "https://Platform.Kore.ai:443/", appId: "st-1", accountId: "x" });
  expect(a).toBe(targetKey({ host: "https://platform.kore.ai", appId: "st-1", accountId: "x" }));
  expect(a).not.toBe(targetKey({ host: "https://platform.kore.ai", appId: "st-2", accountId: "x" }));
});

describe("NO_KORE_CALLS: a job that may not call Kore.ai", () => {
  const complete = { ...TARGET_ENV, KORE_CLIENT_ID: "cs-env", KORE_CLIENT_SECRET: "env-secret" };

  test("set, no connection resolves even with every setting present, and the error says why", () => {
    const message = messageOf(() => resolveConnection(undefined, none, { ...complete, NO_KORE_CALLS: "1" }));
    expect(message).toMatch(/^Kore\.ai calls are switched off here \(NO_KORE_CALLS is set\): this job holds no Kore\.ai credential/);
    expect(message).not.toContain("env-secret");
    // credentials an old state still holds are not used either
    const legacy = { host: "https://env.example", appId: "st-env", accountId: "acct-env", clientId: "cs-old", clientSecret: "old-secret" };
    expect(() => resolveConnection(undefined, none, { NO_KORE_CALLS: "pull-request" }, { legacy })).toThrow(/NO_KORE_CALLS is set/);
    expect(() => assertKoreCallsAllowed({ NO_KORE_CALLS: "true" })).toThrow(ConnectionError);
  });

  test("unset, empty, 0 or false: calls are allowed as before", () => {
    for (const value of [undefined, "", " ", "0", "false", "FALSE"]) {
      expect(resolveConnection(undefined, none, { ...complete, NO_KORE_CALLS: value }).credentials).toEqual({ clientId: "cs-env", clientSecret: "env-secret" });
    }
  });
});
