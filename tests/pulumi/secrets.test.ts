/**
 * Secrets never leave the provider: the client secret and the JWT appear in no output, no error
 * message and no log line of the provider host, over a whole life and its failures.
 */
import { SignJWT } from "jose";
import { clientConnection, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider } from "../support/provider-host";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;

function args(name: string, extra: Props = {}): Props {
  const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  return { ...rest, queueName: queue_name, name, ...extra };
}

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;

async function lifeAndFailures(host: ProviderHost, emulator: Emulator, connection: string | undefined): Promise<string[]> {
  const seen: string[] = [];
  const record = (x: unknown) => seen.push(typeof x === "string" ? x : JSON.stringify(x));
  const extra = connection ? { connection } : {};
  const { inputs, failures } = await host.check(args(`Secret life ${Math.random()}`, { ...extra, started: true }));
  expect(failures).toEqual([]);
  const { id, outs } = await host.create(inputs);
  record(outs);
  const read = await host.read(id, outs, inputs);
  record(read);
  const updated = await host.update(id, read.outs, { ...inputs, description: "changed" });
  record(updated);
  // failures: a refused PUT, a 500 on GET, a refused start
  emulator.failNext({ method: "PUT", status: 400, count: 1 });
  await host.update(id, updated, { ...inputs, description: "changed again" }).catch((e) => record(`${e.message} ${e.stack}`));
  emulator.failNext({ method: "GET", status: 500, count: 10 });
  await host.read(id, updated, inputs).catch((e) => record(`${e.message} ${e.stack}`));
  emulator.clearFaults();
  await host.delete(id, updated);
  return seen;
}

describe("secrets stay out of outputs, errors and logs", () => {
  let emulator: Emulator;
  let provider: string;

  beforeAll(async () => {
    provider = await serializedProvider();
    emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 50 });
  });
  afterAll(async () => emulator?.close());

  test("client id + secret in a named connection of stack config: in no output, error or log; a wrong one neither", async () => {
    const entry = clientConnection(emulator.url);
    const host = await ProviderHost.start({ provider, env: {} });
    const wrong = await ProviderHost.start({ provider, env: {} });
    try {
      await host.configure({ "kore:connections": JSON.stringify({ main: entry }) });
      const seen = await lifeAndFailures(host, emulator, "main");
      expect(seen.length).toBeGreaterThan(4);
      // a rejected secret: the server answers 401, and the error must not quote what was sent
      await wrong.configure({ "kore:connections": JSON.stringify({ main: { ...entry, clientSecret: "wrong-secret-value-123" } }) });
      const { inputs } = await wrong.check(args(`Secret bad ${Math.random()}`, { connection: "main" }));
      const err = await wrong.create(inputs).then(() => undefined, (e: Error) => e);
      expect(err?.message).toMatch(/401/);
      seen.push(`${err?.message} ${err?.stack}`);
      const everything = [...seen, ...host.logs, ...wrong.logs].join("\n");
      expect(everything).not.toContain(DEMO_CREDENTIALS.clientSecret);
      expect(everything).not.toContain("wrong-secret-value-123");
      expect(everything).not.toMatch(JWT_SHAPE);
    } finally {
      await host.stop();
      await wrong.stop();
    }
  });

  test("a ready-made JWT from the environment", async () => {
    const jwt = await new SignJWT({ appId: DEMO_CREDENTIALS.clientId })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(DEMO_CREDENTIALS.clientId)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(DEMO_CREDENTIALS.clientSecret));
    const host = await ProviderHost.start({
      provider,
      env: { KORE_HOST: emulator.url, KORE_APP_ID: DEMO_CREDENTIALS.appId, KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId, KORE_JWT: jwt },
    });
    try {
      await host.configure();
      const seen = await lifeAndFailures(host, emulator, undefined);
      const everything = [...seen, ...host.logs].join("\n");
      expect(everything).not.toContain(jwt);
      expect(everything).not.toContain(jwt.split(".")[2]); // not even the signature
      expect(everything).not.toMatch(JWT_SHAPE);
      // and the emulator's request log never holds it either
      expect(JSON.stringify(emulator.requests)).not.toContain(jwt);
    } finally {
      await host.stop();
    }
  });
});
