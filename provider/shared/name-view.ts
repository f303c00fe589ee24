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
 * - Which ids the stack's resources hold is kept beside the view (`Holdings`, below): a delete forgets an
 *   id another resource holds instead of deleting it, and an adoption is refused when a resource of the
 *   program already holds the id.
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
  constructor(
    private readonly lister: NameLister,
    /** which ids the stack's resources hold (shared by the views of one app and kind, whatever host spelling reached them) */
    readonly holdings: Holdings = new Holdings(),
  ) {}

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
    this.holdings.forget(id);
  }

  private change(change: Change): void {
    if (this.byLname) apply(this.byLname, change);
    if (this.loading) this.journal.push(change);
  }
}

/**
 * Which ids the stack's resources hold, as far as one provider process can tell. The dynamic-provider
 * hooks get no resource name (URN), so it is told from what the engine does (tested under the real CLI,
 * tests/e2e/other-writers.e2e.test.ts, and with and without refresh diffs in tests/shared/name-view.test.ts):
 * - a refresh (`up --refresh`, `destroy --refresh`) reads every resource in state once, and may diff each
 *   one it read (to show the drift);
 * - then every resource still in the program is diffed, or created; a replacement's diff says so;
 * - the deletes of the resources that left the program come last.
 * So an id is held by a resource of the program when a create of this run adopted it or an update wrote
 * it, or when it was diffed more often than the refresh accounts for; and a delete finds it held by another
 * resource when that is so, or when two resources' states were read with it. An id this process POSTed is
 * managed (no other resource may adopt it) but held by no other resource: only its own resource knows it. A delete that forgets gives up its
 * own read and diff, so the last of two resources that shared an id in state (a destroy) deletes it.
 */
export class Holdings {
  private readonly reads = new Map<string, number>();
  private readonly diffs = new Map<string, number>();
  private readonly managed = new Set<string>();
  private readonly posted = new Set<string>();

  /** A refresh read a resource whose state holds `id`. */
  read(id: string): void {
    this.reads.set(id, (this.reads.get(id) ?? 0) + 1);
  }

  /** The engine diffed a resource whose state holds `id`, and the resource keeps it (not a replacement). */
  diffed(id: string): void {
    this.diffs.set(id, (this.diffs.get(id) ?? 0) + 1);
  }

  /**
   * A create (`posted`: by its own POST; else adopted) or an update of this run manages `id`; false if a
   * resource of the program already did.
   */
  manage(id: string, posted = false): boolean {
    const first = !this.inProgram(id) && !this.posted.has(id);
    (posted ? this.posted : this.managed).add(id);
    return first;
  }

  /** Whether a resource of the program holds `id` besides one that POSTed it. */
  inProgram(id: string): boolean {
    return this.managed.has(id) || (this.diffs.get(id) ?? 0) > (this.reads.get(id) ?? 0);
  }

  /** Asked by the delete of a resource whose state holds `id`: does another resource hold it? If so, this one lets go. */
  releaseIfShared(id: string): boolean {
    const reads = this.reads.get(id) ?? 0;
    if (!this.inProgram(id) && reads < 2) return false;
    if (reads > 0) this.reads.set(id, reads - 1);
    const diffs = this.diffs.get(id) ?? 0;
    if (diffs > 0) this.diffs.set(id, diffs - 1);
    return true;
  }

  forget(id: string): void {
    this.reads.delete(id);
    this.diffs.delete(id);
    this.managed.delete(id);
    this.posted.delete(id);
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
