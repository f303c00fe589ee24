/**
 * One view per Kore.ai app and resource kind of "which names exist" (campaigns, contact lists), shared by
 * every resource in a provider process: the list endpoint is paged through once, then the view learns what
 * this process creates and deletes. So a stack of N campaigns costs the pages of one listing, not N listings,
 * and N campaigns checking their contact lists cost one listing of the lists.
 *
 * Concurrency (many resources run their hooks at once):
 * - Only the newest listing is applied: one that started earlier and finishes later is dropped.
 * - `learn`/`forget` made while a listing is in flight are replayed onto its result, so a listing
 *   that began before a create finished cannot hide the new campaign.
 * - A create claims its name until the view has learned the new id (lifecycle.ts's postOnce).
 * - `manage` records which ids a resource of the program manages (created, adopted, diffed or updated): one
 *   campaign, one resource. A refresh reads resources that are about to be deleted too, so a read does not
 *   count (a renamed file's new resource may adopt what the old one's state holds).
 * - `hold` records the ids that a resource of the program holds besides one it made itself: adopted, or
 *   recorded in the state of a resource the engine diffs (and does not replace) or updates. The engine diffs
 *   every resource still in the program, and runs its creates, before the deletes of the ones that left it,
 *   so a delete asks `isHeld` and forgets an id another resource holds (a renamed file that adopted it, a
 *   replacement that found it again under another spelling of the host) instead of deleting it. A campaign
 *   this process POSTed is not held: only its own resource knows its id.
 * - Both sets are shared by the views of one app and kind whatever host spelling reached them (session.ts).
 * - `recheck`, just before a create POST, looks the name up again in one page of the newest campaigns,
 *   so a campaign another stack created since the listing is refused without a POST. The window that
 *   remains is one page's age (at most RECHECK_FRESH_MS) plus a round trip; the server's own duplicate
 *   refusal, which Kore does not document, is the only guard inside it.
 */
type NamedRecord = { id: string; name?: unknown; lname?: unknown; [field: string]: unknown };

export interface NameLister {
  /** Every campaign on the app as `{ id, name }` (paging is the lister's business). */
  listAll(): Promise<NamedRecord[]>;
  /** The newest campaigns, one page (the list answers newest first): the cheap re-check before a create. */
  listRecent?(): Promise<NamedRecord[]>;
}

/** How long one page of the newest campaigns answers every re-check (so a stack of creates costs a page a second, not one each). */
export const RECHECK_FRESH_MS = 1000;

type Change = { kind: "learn"; key: string; id: string; name: string; record?: NamedRecord } | { kind: "forget"; id: string };
/** One known record: its id, its name as the server spells it, and the record when one was listed or learned. */
type Entry = { id: string; name: string; record?: NamedRecord };
type ByKey = Map<string, Entry>;

export class NameView {
  private byLname: ByKey | undefined;
  private loading: Promise<ByKey> | undefined;
  /** bumped by every listing started; a listing applies its result only if it is still the newest */
  private generation = 0;
  /** changes made while the current listing is in flight, replayed onto its result */
  private journal: Change[] = [];
  /** names claimed by creates in flight, so two resources with one name cannot both POST */
  private readonly pending = new Set<string>();
  /** ids a resource of the program manages (created, adopted, diffed or updated); see `manage` */
  private readonly managed: Set<string>;
  /** ids a resource of the program holds besides one it made; see `hold` */
  private readonly held: Set<string>;

  constructor(
    private readonly lister: NameLister,
    shared: { managed: Set<string>; held: Set<string> } = { managed: new Set(), held: new Set() },
  ) {
    this.managed = shared.managed;
    this.held = shared.held;
  }

  static key(name: string): string {
    return name.trim().toLowerCase();
  }

  private load(): Promise<ByKey> {
    if (this.byLname) return Promise.resolve(this.byLname);
    this.loading ??= this.list();
    return this.loading;
  }

  private recent: { at: number; page: Promise<ByKey> } | undefined;

  /** The id of a record with this name among the newest ones, fetched at most RECHECK_FRESH_MS ago. */
  async recheck(name: string, now: number = Date.now()): Promise<string | undefined> {
    return (await this.recheckEntry(name, now))?.id;
  }

  /** As `recheck`, with the name as the server spells it. */
  async recheckEntry(name: string, now: number = Date.now()): Promise<{ id: string; name: string } | undefined> {
    if (!this.lister.listRecent) return undefined;
    if (!this.recent || now - this.recent.at > RECHECK_FRESH_MS) this.recent = { at: now, page: this.lister.listRecent().then(toMap) };
    const entry = this.recent;
    try {
      return (await entry.page).get(NameView.key(name));
    } catch (err) {
      if (this.recent === entry) this.recent = undefined;
      throw err;
    }
  }

  private list(): Promise<ByKey> {
    const generation = ++this.generation;
    this.journal = [];
    const listing = this.lister.listAll().then(
      (records) => {
        const map = toMap(records);
        if (generation !== this.generation) return this.byLname ?? map; // a newer listing owns the view
        for (const change of this.journal) apply(map, change);
        this.journal = [];
        this.byLname = map;
        this.loading = undefined;
        return map;
      },
      (err) => {
        if (generation === this.generation) this.loading = undefined; // a failed listing is retried by the next caller
        throw err;
      },
    );
    return listing;
  }

  /** The id of the campaign with this name (case-insensitive), if the view knows one. */
  async find(name: string): Promise<string | undefined> {
    return (await this.load()).get(NameView.key(name))?.id;
  }

  /** The record of this name (case-insensitive), with the name as the server spells it. */
  async entry(name: string): Promise<{ id: string; name: string } | undefined> {
    return (await this.load()).get(NameView.key(name));
  }

  /** Every name the view knows, as the server spells it. */
  async knownNames(): Promise<string[]> {
    return [...(await this.load()).values()].map((e) => e.name);
  }

  /** Every record the view knows (listed, or learned with a record; a learned name alone has none). */
  async entries(): Promise<Entry[]> {
    return [...(await this.load()).values()];
  }

  /** The name of `id`, if the view knows it (for messages that name what an id is). */
  async nameOf(id: string): Promise<string | undefined> {
    for (const e of (await this.load()).values()) if (e.id === id) return e.name;
    return undefined;
  }

  /** Lists again from the server (after an ambiguous create, the cached view cannot be trusted). */
  async findFresh(name: string): Promise<string | undefined> {
    this.byLname = undefined;
    this.loading = this.list();
    return (await this.loading).get(NameView.key(name))?.id;
  }

  /** Claims a name for a create about to run; false if another create in this process holds it. */
  claim(name: string): boolean {
    const key = NameView.key(name);
    if (this.pending.has(key)) return false;
    this.pending.add(key);
    return true;
  }

  release(name: string): void {
    this.pending.delete(NameView.key(name));
  }

  learn(name: string, id: string, record?: NamedRecord): void {
    this.change({ kind: "learn", key: NameView.key(name), id, name: name.trim(), ...(record ? { record } : {}) });
  }

  forget(id: string): void {
    this.change({ kind: "forget", id });
    this.managed.delete(id);
    this.held.delete(id);
  }

  /** Records that a resource manages `id`; false if another resource of this process already does. */
  manage(id: string): boolean {
    if (this.managed.has(id)) return false;
    this.managed.add(id);
    return true;
  }

  /** Records that a resource of the program holds `id` (adopted it, or has it in its state); see the module comment. */
  hold(id: string): void {
    this.held.add(id);
  }

  /** Whether a resource of the program holds `id` (asked by a delete: then it forgets instead). */
  isHeld(id: string): boolean {
    return this.held.has(id);
  }

  private change(change: Change): void {
    if (this.byLname) apply(this.byLname, change);
    if (this.loading) this.journal.push(change);
  }
}

function toMap(records: readonly NamedRecord[]): ByKey {
  const map: ByKey = new Map();
  for (const r of records) {
    const lname = typeof r.lname === "string" ? r.lname : typeof r.name === "string" ? r.name : undefined;
    if (lname !== undefined) map.set(NameView.key(lname), { id: r.id, name: typeof r.name === "string" ? r.name : lname, record: r });
  }
  return map;
}

function apply(map: ByKey, change: Change): void {
  if (change.kind === "learn") {
    map.set(change.key, { id: change.id, name: change.name, ...(change.record ? { record: change.record } : {}) });
    return;
  }
  for (const [lname, known] of map) if (known.id === change.id) map.delete(lname);
}
