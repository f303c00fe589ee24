/**
 * Where campaigns and contact lists live: Maps, optionally mirrored to `<dataDir>/campaigns.json`.
 * Every write goes to a temp file in the same folder, is fsynced, then renamed over the old file, so a crash
 * leaves either the old or the new file, never half of one. Preparing -> Ready is computed lazily from a stored
 * `readyAt` time, so it survives restarts without timers.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, unlink } from "node:fs/promises";
import * as path from "node:path";
import { newInstanceId } from "./ids";
import { scheduledStatus, type StoredSchedule } from "./schedule";
import type { StoredCampaign, StoredContactList } from "./types";

export const DATA_FILE = "campaigns.json";
const TEMP_PREFIX = `.${DATA_FILE}.`;
const TEMP_SUFFIX = ".tmp";

interface StoredRecord {
  campaign: StoredCampaign;
  /** Epoch ms when a Preparing campaign becomes Ready. */
  readyAt?: number;
  /** The v2 schedule enabled for it, if any (schedule.ts); it moves the status with the clock. */
  schedule?: StoredSchedule;
}

/** Version 2 added `contactLists`; a version 1 file (campaigns only) still loads, with no lists. */
interface DataFile {
  version: 1 | 2;
  savedAt: string;
  records: StoredRecord[];
  contactLists?: StoredContactList[];
}

const DATA_VERSION = 2;

/** The contact lists of the app, oldest first. Copies in and out. */
export class ContactListTable {
  private readonly lists = new Map<string, StoredContactList>();

  all(): StoredContactList[] {
    return [...this.lists.values()].map((l) => structuredClone(l));
  }

  /** Newest first (createdAt descending; among equal times, the later insert first). */
  newestFirst(): StoredContactList[] {
    return this.all()
      .reverse()
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  get(id: string): StoredContactList | undefined {
    const l = this.lists.get(id);
    return l ? structuredClone(l) : undefined;
  }

  add(list: StoredContactList): void {
    this.lists.set(list.id, structuredClone(list));
  }

  remove(id: string): boolean {
    return this.lists.delete(id);
  }

  /** The stored objects themselves, for the data file. */
  raw(): StoredContactList[] {
    return [...this.lists.values()];
  }
}

export interface StoreOptions {
  dataDir?: string;
  readyDelayMs: number;
  now?: () => number;
}

export class CampaignStore {
  private readonly records = new Map<string, StoredRecord>();
  /** The app's contact lists, saved in the same file. */
  readonly contactLists = new ContactListTable();
  private readonly now: () => number;
  /** The chain of writes, so two never overlap. */
  private writing: Promise<void> = Promise.resolve();
  /** A write queued but not started yet: later changes ride along with it. */
  private queued: Promise<void> | undefined;

  private constructor(private readonly opts: StoreOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Opens the store, loading `campaigns.json` when there is one and removing temp files a crash left behind. */
  static async open(opts: StoreOptions): Promise<CampaignStore> {
    const store = new CampaignStore(opts);
    if (opts.dataDir) await store.load(opts.dataDir);
    return store;
  }

  get file(): string | undefined {
    return this.opts.dataDir ? path.join(this.opts.dataDir, DATA_FILE) : undefined;
  }

  private async load(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(dir)) {
      if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) await unlink(path.join(dir, name)).catch(() => undefined);
    }
    let text: string;
    try {
      text = await readFile(path.join(dir, DATA_FILE), "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      throw err;
    }
    let data: DataFile;
    try {
      data = JSON.parse(text) as DataFile;
    } catch (err) {
      throw new Error(`emulator: ${path.join(dir, DATA_FILE)} is not valid JSON: ${(err as Error).message}`);
    }
    const known = data?.version === 1 || data?.version === DATA_VERSION;
    if (!known || !Array.isArray(data.records) || (data.contactLists !== undefined && !Array.isArray(data.contactLists))) {
      throw new Error(`emulator: ${path.join(dir, DATA_FILE)} is not an emulator data file (version 1 or ${DATA_VERSION})`);
    }
    for (const r of data.records) this.records.set(r.campaign.id, r);
    for (const l of data.contactLists ?? []) this.contactLists.add(l);
  }

  /**
   * Turns a due Preparing campaign into Ready (updatedAt unchanged, as in the docs' list sample), and moves a
   * scheduled one along its window: Scheduled -> Active (a new instance) -> Completed.
   */
  private refreshed(r: StoredRecord): StoredRecord {
    const now = this.now();
    if (r.readyAt !== undefined && r.campaign.status === "Preparing" && now >= r.readyAt) {
      r.campaign = { ...r.campaign, status: "Ready" };
      r.readyAt = undefined;
    }
    if (r.schedule) {
      const status = scheduledStatus(r.campaign.status, r.schedule, now);
      if (status !== r.campaign.status) {
        const at = new Date(now).toISOString();
        const started = status === "Active" ? { campaignInstanceId: newInstanceId(), campaignInstanceUpdatedAt: at } : {};
        r.campaign = { ...r.campaign, ...started, status };
      }
      if (status === "Completed") {
        r.schedule = undefined;
        r.campaign = { ...r.campaign, schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false } };
      }
    }
    return r;
  }

  /** The schedule enabled for a campaign (a copy), if any. */
  scheduleOf(id: string): StoredSchedule | undefined {
    const r = this.records.get(id);
    if (r) this.refreshed(r);
    return r?.schedule ? structuredClone(r.schedule) : undefined;
  }

  /** Enables (or, with undefined, removes) a campaign's schedule; the caller sets the status. */
  setSchedule(id: string, schedule: StoredSchedule | undefined): void {
    const r = this.records.get(id);
    if (!r) throw new Error(`emulator: no campaign ${id}`);
    r.schedule = schedule ? structuredClone(schedule) : undefined;
  }

  /** Oldest first. Copies. */
  all(): StoredCampaign[] {
    return [...this.records.values()].map((r) => structuredClone(this.refreshed(r).campaign));
  }

  /** Newest first (createdAt descending; among equal times, the later insert first). Copies. */
  newestFirst(): StoredCampaign[] {
    return this.all()
      .reverse()
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  get(id: string): StoredCampaign | undefined {
    const r = this.records.get(id);
    return r ? structuredClone(this.refreshed(r).campaign) : undefined;
  }

  /** The campaign (other than `exceptId`) whose lowercase name is `lname`. */
  findByLname(lname: string, exceptId?: string): StoredCampaign | undefined {
    for (const r of this.records.values()) {
      if (r.campaign.id !== exceptId && r.campaign.lname === lname) return structuredClone(r.campaign);
    }
    return undefined;
  }

  /** Adds a campaign; a Preparing one becomes Ready `readyDelayMs` after its createdAt. */
  add(c: StoredCampaign): void {
    const created = Date.parse(c.createdAt);
    const readyAt = c.status === "Preparing" ? (Number.isNaN(created) ? this.now() : created) + this.opts.readyDelayMs : undefined;
    this.records.set(c.id, { campaign: structuredClone(c), readyAt });
  }

  /** Replaces a campaign's content; its Ready time stays unless the status changed (to Preparing: restarts the delay). */
  replace(c: StoredCampaign): void {
    const r = this.records.get(c.id);
    if (!r) throw new Error(`emulator: no campaign ${c.id}`);
    const readyAt =
      c.status === r.campaign.status ? r.readyAt : c.status === "Preparing" ? this.now() + this.opts.readyDelayMs : undefined;
    this.records.set(c.id, { campaign: structuredClone(c), readyAt, ...(r.schedule ? { schedule: r.schedule } : {}) });
  }

  /** Sets a status out of band; "Preparing" restarts the Ready delay from now. */
  setStatus(id: string, status: string): void {
    const r = this.records.get(id);
    if (!r) throw new Error(`emulator: no campaign ${id}`);
    r.campaign = { ...r.campaign, status };
    r.readyAt = status === "Preparing" ? this.now() + this.opts.readyDelayMs : undefined;
  }

  remove(id: string): StoredCampaign | undefined {
    const r = this.records.get(id);
    if (!r) return undefined;
    this.records.delete(id);
    return structuredClone(this.refreshed(r).campaign);
  }

  /** Writes the current state to disk (no-op in memory). Resolves when a write containing every change so far is done. */
  persist(): Promise<void> {
    if (!this.opts.dataDir) return Promise.resolve();
    if (this.queued) return this.queued;
    const write = this.writing.then(() => {
      this.queued = undefined;
      return this.writeNow();
    });
    this.queued = write;
    this.writing = write.catch(() => undefined);
    return write;
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.persist();
  }

  private async writeNow(): Promise<void> {
    const dir = this.opts.dataDir as string;
    const data: DataFile = {
      version: DATA_VERSION,
      savedAt: new Date(this.now()).toISOString(),
      records: [...this.records.values()],
      contactLists: this.contactLists.raw(),
    };
    const text = `${JSON.stringify(data, null, 2)}\n`;
    const temp = path.join(dir, `${TEMP_PREFIX}${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
    try {
      const handle = await open(temp, "w");
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path.join(dir, DATA_FILE));
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
  }
}
