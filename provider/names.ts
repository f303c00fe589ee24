/**
 * One view per Kore.ai app of "which campaign names exist", shared by every resource in a provider
 * process: the list endpoint is paged through once, then the view learns what this process creates
 * and deletes. So a stack of N campaigns costs the pages of one listing, not N listings.
 */
export interface NameLister {
  /** Every campaign on the app as `{ id, name }` (paging is the lister's business). */
  listAll(): Promise<Array<{ id: string; name?: unknown; lname?: unknown }>>;
}

export class CampaignNameView {
  private byLname: Map<string, string> | undefined;
  private loading: Promise<Map<string, string>> | undefined;
  /** names claimed by creates in flight, so two resources with one name cannot both POST */
  private readonly pending = new Set<string>();

  constructor(private readonly lister: NameLister) {}

  static key(name: string): string {
    return name.trim().toLowerCase();
  }

  private async load(): Promise<Map<string, string>> {
    if (this.byLname) return this.byLname;
    this.loading ??= this.lister.listAll().then(
      (records) => {
        const map = new Map<string, string>();
        for (const r of records) {
          const lname = typeof r.lname === "string" ? r.lname : typeof r.name === "string" ? r.name : undefined;
          if (lname !== undefined) map.set(CampaignNameView.key(lname), r.id);
        }
        this.byLname = map;
        return map;
      },
      (err) => {
        this.loading = undefined; // a failed listing is retried by the next caller
        throw err;
      },
    );
    return this.loading;
  }

  /** The id of the campaign with this name (case-insensitive), if the view knows one. */
  async find(name: string): Promise<string | undefined> {
    return (await this.load()).get(CampaignNameView.key(name));
  }

  /** Lists again from the server (after an ambiguous create, the cached view cannot be trusted). */
  async findFresh(name: string): Promise<string | undefined> {
    this.byLname = undefined;
    this.loading = undefined;
    return this.find(name);
  }

  /** Claims a name for a create about to run; false if another create in this process holds it. */
  claim(name: string): boolean {
    const key = CampaignNameView.key(name);
    if (this.pending.has(key)) return false;
    this.pending.add(key);
    return true;
  }

  release(name: string): void {
    this.pending.delete(CampaignNameView.key(name));
  }

  learn(name: string, id: string): void {
    this.byLname?.set(CampaignNameView.key(name), id);
  }

  forget(id: string): void {
    if (!this.byLname) return;
    for (const [lname, known] of this.byLname) if (known === id) this.byLname.delete(lname);
  }
}
