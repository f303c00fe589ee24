/** A local emulator of Kore.ai's voice-campaign API. See emulator/README.md. */
import type { AddressInfo } from "node:net";
import { Authenticator } from "./auth";
import { Clock } from "./clock";
import { parseScheduleTime, type StoredSchedule } from "./schedule";
import { buildCampaign } from "./campaign";
import { buildContactList, listNameClash, unknownContactLists, validateSeed, withUsage, type ListOwner } from "./contactList";
import { resolveCredentials } from "./credentials";
import { FaultInjector } from "./faults";
import { newCampaignId, newContactListId, orgId, userId } from "./ids";
import { RequestLog } from "./requestLog";
import { createEmulatorServer } from "./server";
import { CampaignStore } from "./store";
import type { ContactListSeed, Emulator, EmulatorCredentials, EmulatorOptions, StoredCampaign } from "./types";
import { validateCampaignBody } from "./validate";

export { DEMO_CREDENTIALS, clientConnection, clientEnv, credentialsFromEnv, resolveCredentials } from "./credentials";
export { experienceFlowId, CAMPAIGN_ID_PATTERN, CONTACT_LIST_ID_PATTERN, INSTANCE_ID_PATTERN } from "./ids";
export { validateCampaignBody, validateContactListBody, validateListBody } from "./validate";
export { DATA_FILE } from "./store";
export { REDACTED } from "./requestLog";
export type {
  CampaignStatus,
  ContactListInfo,
  ContactListSeed,
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  FaultConfig,
  RequestLogEntry,
  ScriptedFault,
  StoredCampaign,
  StoredContactList,
  WireDialingStrategy,
} from "./types";

const HOST = "127.0.0.1";
const RUNTIME_KEYS = ["id", "status", "createdAt", "updatedAt", "campaignInstanceId", "campaignInstanceUpdatedAt"] as const;

/** The app, account, organisation and API user the lists this emulator makes belong to. */
function ownerOf(credentials: EmulatorCredentials): ListOwner {
  return { iId: credentials.appId, accountId: credentials.accountId, orgId: orgId(credentials.accountId), userId: userId(credentials.clientId) };
}

/** Makes each seed whose name (case-insensitive) is not taken yet; a bad seed is an error naming it. */
function seedContactLists(store: CampaignStore, owner: ListOwner, seeds: ContactListSeed[]): boolean {
  let added = false;
  const now = new Date().toISOString();
  seeds.forEach((seed, i) => {
    const v = validateSeed(seed);
    if (!v.ok) throw new Error(`emulator: contact list seed ${i} is refused: ${v.failures.join("; ")}`);
    if (listNameClash(v.value.name, store.contactLists.all())) return;
    store.contactLists.add(buildContactList(v.value, newContactListId(), now, owner));
    added = true;
  });
  return added;
}

function report(err: unknown): void {
  process.stderr.write(`emulator: could not save campaigns and contact lists: ${(err as Error)?.message ?? String(err)}\n`);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const credentials = resolveCredentials(opts.credentials);
  const readyDelayMs = opts.readyDelayMs ?? 1000;
  const clock = new Clock();
  const store = await CampaignStore.open({ dataDir: opts.dataDir, readyDelayMs, now: () => clock.now() });
  const owner = ownerOf(credentials);
  if (seedContactLists(store, owner, opts.contactLists ?? [])) await store.persist();
  const faults = new FaultInjector(opts.faults);
  const log = new RequestLog(opts.maxLogEntries);
  const auth = new Authenticator(credentials, { enforceJti: opts.enforceJti ?? false });
  const changed = () => void store.persist().catch(report);

  const known = (id: string): void => {
    if (!store.get(id)) throw new Error(`emulator: no campaign ${id}`);
  };
  const listInfo = (id: string) => {
    const list = store.contactLists.get(id);
    return list ? withUsage(list, store.all()) : undefined;
  };
  const contactLists = () => {
    const campaigns = store.all();
    return store.contactLists.all().map((l) => withUsage(l, campaigns));
  };
  const addContactList = (seed: ContactListSeed) => {
    const v = validateSeed(seed);
    if (!v.ok) throw new Error(`emulator: contact list refused: ${v.failures.join("; ")}`);
    const clash = listNameClash(v.value.name, store.contactLists.all());
    if (clash) throw new Error(`emulator: contact list refused: ${clash}`);
    const list = buildContactList(v.value, newContactListId(), new Date().toISOString(), owner);
    store.contactLists.add(list);
    changed();
    return listInfo(list.id)!;
  };

  const clockReading = () => ({ now: clock.iso(), offsetSeconds: Math.round(clock.offset / 1000) });
  const moveClock = (move: { advanceSeconds?: unknown; to?: unknown }) => {
    if (typeof move.advanceSeconds === "number") clock.advance(move.advanceSeconds * 1000);
    else if (typeof move.to === "string") {
      const at = parseScheduleTime(move.to) ?? Date.parse(move.to);
      if (Number.isNaN(at)) throw new Error(`emulator: clock: "to" must be "YYYY-MM-DD HH:mm:ss" (UTC) or an ISO time (got ${JSON.stringify(move.to).slice(0, 40)})`);
      clock.set(at);
    } else throw new Error('emulator: clock: the body must be {"advanceSeconds": N} or {"to": "YYYY-MM-DD HH:mm:ss"}');
    return clockReading();
  };
  const pause = (id: string): StoredCampaign => {
    const current = store.get(id);
    if (!current) throw new Error(`emulator: no campaign ${id}`);
    if (current.status !== "Active") throw new Error(`emulator: only an Active campaign can be paused (${id} is ${current.status})`);
    store.replace({ ...current, status: "Paused", updatedAt: clock.iso() });
    changed();
    return store.get(id) as StoredCampaign;
  };
  const schedules = () => {
    const out: Record<string, StoredSchedule> = {};
    for (const c of store.all()) {
      const s = store.scheduleOf(c.id);
      if (s) out[c.id] = s;
    }
    return out;
  };

  const admin = {
    clock: clockReading,
    moveClock,
    pause,
    schedules,
    campaigns: () => store.all(),
    contactLists,
    addContactList,
    requests: () => log.entries,
    clearRequests: () => log.clear(),
    setFaults: (f: Parameters<FaultInjector["set"]>[0]) => faults.set(f),
    failNext: (r: Parameters<FaultInjector["failNext"]>[0]) => faults.failNext(r),
  };
  const server = createEmulatorServer({ store, owner, auth, faults, log, admin, clock });
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
    clock: { now: () => clock.now(), advance: (ms) => clock.advance(ms), set: (ms) => clock.set(ms) },
    pause,
    scheduleOf: (id) => store.scheduleOf(id),
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
      const unknown = unknownContactLists(v.value.contactLists, store.contactLists.all());
      if (unknown.length > 0) throw new Error(`emulator: insert refused: ${unknown.join("; ")}`);
      const clash = store.findByLname(v.value.name.toLowerCase());
      if (clash) throw new Error(`emulator: insert refused: a campaign named "${clash.name}" already exists (id ${clash.id})`);
      const now = new Date().toISOString();
      const campaign = buildCampaign(v.value, newCampaignId(), now);
      for (const key of RUNTIME_KEYS) if (typeof body[key] === "string") campaign[key] = body[key] as string;
      store.add(campaign);
      changed();
      return store.get(campaign.id) as StoredCampaign;
    },
    contactLists,
    contactList: listInfo,
    addContactList,
    mutateContactList(id, patch) {
      const current = store.contactLists.get(id);
      if (!current) throw new Error(`emulator: no contact list ${id}`);
      const next = { ...current, updatedAt: new Date().toISOString() } as Record<string, unknown>;
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) delete next[k];
        else next[k] = structuredClone(v);
      }
      if (typeof patch.name === "string" && patch.lname === undefined) next.lname = patch.name.toLowerCase();
      next.id = id;
      store.contactLists.add(next as unknown as typeof current);
      changed();
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
