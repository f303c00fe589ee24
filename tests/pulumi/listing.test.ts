/**
 * One bad record in the app's campaign listing (issue 22, item 9): a record with no id, or a bad one, as another
 * client's data could leave it. Through both adapters (the dynamic host and the native plugin) against the
 * emulator behind a proxy that adds such records to every list page: a create still works, and the provider
 * names what it left out.
 */
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider } from "../support/provider-host";
import { startRewritingProxy, type RewritingProxy } from "../support/rewriting-proxy";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

const LIST = "Recent Buyers - Q2 2025";

describe.each(["dynamic", "native"])("through the %s adapter", (adapter) => {
  let emulator: Emulator;
  let proxy: RewritingProxy;
  let host: ProviderHost;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, contactLists: [LIST], readyDelayMs: 0 });
    proxy = await startRewritingProxy(emulator.url, [
      {
        pathIncludes: "getAllCampaignDetails",
        rewrite: (body) => ({ ...body, data: { ...body.data, results: [{ name: "No id\n::error::x", status: "Active" }, ...body.data.results, { _id: "../x", name: "Bad id" }] } }),
      },
    ]);
    const env = { ...clientEnv(proxy.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05" };
    host = adapter === "dynamic" ? await ProviderHost.start({ provider: await serializedProvider(), env }) : await ProviderHost.startNative({ env });
    await host.configure();
  });

  afterAll(async () => {
    await host?.stop();
    await proxy?.close();
    await emulator?.close();
  });

  test("a create is not blocked by them, and each is named on the provider's output (its name sanitised)", async () => {
    const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
    const { inputs, failures } = await host.check({ ...rest, queueName: queue_name, name: "Listing survivor" });
    expect(failures).toEqual([]);
    const { id } = await host.create(inputs);
    expect(emulator.campaign(id)?.name).toBe("Listing survivor");
    for (let i = 0; i < 50 && !host.logs.join("").includes("Bad id"); i++) await new Promise((r) => setTimeout(r, 20));
    const logs = host.logs.join("");
    expect(logs).toContain(`warning: app ${emulator.appIds()[0]}: the campaign listing left out record 1 of page 1 ("No id ::error::x"): expected a campaign id in \`_id\` or \`id\`; names are checked without it\n`);
    expect(logs).toMatch(/warning: app \S+: the campaign listing left out record \d+ of page 1 \("Bad id"\): _id: is not a plain campaign id/);
  });
});
