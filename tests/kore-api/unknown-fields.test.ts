/**
 * The provider's client reports fields no page shows, instead of dropping them silently: one warning on stderr
 * (which the engine shows) per call and field, for the whole process, while the fields are kept in what it returns.
 */
import { KoreClient } from "../../provider/kore-api/client";
import { resetReportedFields } from "../../provider/kore-api/shapes";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { useEmulator } from "../emulator/helpers";

const emulator = useEmulator({ readyDelayMs: 0 });

test("an undocumented field: kept, and warned about once per call on stderr, naming the call and the field", async () => {
  const id = emulator().insert(structuredClone(SAMPLE_PROGRESSIVE) as Record<string, unknown>).id;
  emulator().setFaults({ shapes: { extraFields: { dialerRegion: "eu-1" } } });
  const { appId, accountId, clientId, clientSecret } = emulator().credentials;
  const client = new KoreClient({ host: emulator().url, appId, accountId }, { clientId, clientSecret });
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  resetReportedFields();
  try {
    const first = await client.getCampaign(id);
    await client.getCampaign(id);
    await client.getCampaignStatus(id);
    expect(first.dialerRegion).toBe("eu-1");
  } finally {
    spy.mockRestore();
    resetReportedFields();
    await client.close();
  }
  expect(written).toEqual([
    "pulumi-kore-campaigns: warning: Kore.ai answered getCampaign with a field the API docs do not show: data.dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).\n",
    "pulumi-kore-campaigns: warning: Kore.ai answered getCampaignStatus with a field the API docs do not show: data.dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).\n",
  ]);
});
