/** A local emulator of Kore.ai's voice-campaign API. See emulator/README.md. */
import type { AddressInfo } from "node:net";
import { Authenticator } from "./auth";
import { buildCampaign } from "./campaign";
import { resolveCredentials } from "./credentials";
import { FaultInjector } from "./faults";
import { newCampaignId } from "./ids";
import { RequestLog } from "./requestLog";
import { createEmulatorServer } from "./server";
import { CampaignStore } from "./store";
import type { Emulator, EmulatorOptions, StoredCampaign } from "./types";
import { validateCampaignBody } from "./validate";

export { DEMO_CREDENTIALS, clientConnection, clientEnv, credentialsFromEnv, resolveCredentials } from "./credentials";
export { experienceFlowId, CAMPAIGN_ID_PATTERN, INSTANCE_ID_PATTERN } from "./ids";
export { validateCampaignBody, validateListBody } from "./validate";
export { DATA_FILE } from "./store";
export { REDACTED } from "./requestLog";
export type {
  CampaignStatus,
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  FaultConfig,
  RequestLogEntry,
  ScriptedFault,
  StoredCampaign,
  WireDialingStrategy,
} from "./types";

const HOST = "127.0.0.1";
const RUNTIME_KEYS = ["id", "status", "createdAt", "updatedAt", "campaignInstanceId", "campaignInstanceUpdatedAt"] as const;

function report(err: unknown): void {
  process.stderr.write(`emulator: could not save campaigns: ${(err as Error)?.message ?? String(err)}\n`);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const credentials = resolveCredentials(opts.credentials);
  const readyDelayMs = opts.readyDelayMs ?? 1000;
  const store = await CampaignStore.open({ dataDir: opts.dataDir, readyDelayMs });
  const faults = new FaultInjector(opts.faults);
  const log = new RequestLog(opts.maxLogEntries);
  const auth = new Authenticator(credentials, { enforceJti: opts.enforceJti ?? false });
  const changed = () => void store.persist().catch(report);

  const known = (id: string): void => {
    if (!store.get(id)) throw new Error(`emulator: no campaign ${id}`);
  };

  const admin = {
    campaigns: () => store.all(),
    requests: () => log.entries,
    clearRequests: () => log.clear(),
    setFaults: (f: Parameters<FaultInjector["set"]>[0]) => faults.set(f),
    failNext: (r: Parameters<FaultInjector["failNext"]>[0]) => faults.failNext(r),
  };
  const server = createEmulatorServer({ store, auth, faults, log, admin });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${HOST}:${port}`,
    port,
    credentials,
    requests: log.entries,
    clearRequests: admin.clearRequests,
    setFaults: admin.setFaults,
    failNext: admin.failNext,
    clearFaults() {
      faults.clearScripted();
      faults.set({});
    },
    campaigns: () => store.all(),
    campaign: (id) => store.get(id),
    mutate(id, patch) {
      const current = store.get(id);
      if (!current) throw new Error(`emulator: no campaign ${id}`);
      const next: StoredCampaign = { ...current, updatedAt: new Date().toISOString() };
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete next[k];
        else next[k] = structuredClone(v);
      }
      if (typeof patch.name === "string" && patch.lname === undefined) next.lname = patch.name.toLowerCase();
      next.id = id;
      store.replace(next);
      changed();
    },
    insert(body) {
      const v = validateCampaignBody(body);
      if (!v.ok) throw new Error(`emulator: insert refused: ${v.failures.join("; ")}`);
      const clash = store.findByLname(v.value.name.toLowerCase());
      if (clash) throw new Error(`emulator: insert refused: a campaign named "${clash.name}" already exists (id ${clash.id})`);
      const now = new Date().toISOString();
      const campaign = buildCampaign(v.value, newCampaignId(), now);
      for (const key of RUNTIME_KEYS) if (typeof body[key] === "string") campaign[key] = body[key] as string;
      store.add(campaign);
      changed();
      return store.get(campaign.id) as StoredCampaign;
    },
    setStatus(id, status) {
      known(id);
      store.setStatus(id, status);
      changed();
    },
    remove(id) {
      known(id);
      store.remove(id);
      changed();
    },
    flush: () => store.flush(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => store.flush());
      return closing;
    },
  };
}
