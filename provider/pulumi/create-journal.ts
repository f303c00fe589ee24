/**
 * Creates that never reached the engine, remembered across runs on this machine.
 *
 * When the CLI is killed in the middle of `up`, a campaign may already exist on Kore whose id no state
 * will ever hold: the engine keeps only a "pending create" (which Pulumi 3.248's
 * `refresh --import-pending-creates` drops without reading), and the next `up` creates the resource
 * again, so the name is taken. Kore has no field to mark a campaign as ours, so the marker lives
 * here: before a create POST the provider writes an intent (app, name, time), after it the id, and
 * once the id has been handed to the engine the entry is removed. An entry that survives is a create
 * of an interrupted run; the next create of the same name in the same app recognises the campaign it
 * finds (the recorded id, or, when the POST's answer was never read, a campaign created after the
 * intent) and takes it over instead of refusing it as a duplicate. The entry stays after the create
 * hook returns (the engine may be killed before it records the result) and is settled once a later
 * command hands the campaign's id to a hook: then it is in state.
 *
 * One small JSON file per app and name under `$PULUMI_HOME/kore-campaigns/interrupted-creates/`
 * (`~/.pulumi` without PULUMI_HOME), and the id once known in a second one beside it (see `write`). On
 * another machine (a new CI runner) the
 * journal is not there: see docs/operations.md, "Recovering from an interrupted up".
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { InterruptedCreate } from "../shared/interrupted-creates";

export function defaultJournalDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.PULUMI_HOME && env.PULUMI_HOME.trim() !== "" ? env.PULUMI_HOME : path.join(os.homedir(), ".pulumi");
  return path.join(home, "kore-campaigns", "interrupted-creates");
}

export class CreateJournal {
  /** the folder exists (made once, not before every write: this is on every create's path) */
  private ready = false;
  /** intents written by this process, so recording an id needs no read back */
  private readonly intendedAt = new Map<string, string>();

  constructor(private readonly dir: string) {}

  private file(app: string, name: string): string {
    const key = createHash("sha256").update(`${app}\n${name.trim().toLowerCase()}`).digest("hex").slice(0, 32);
    return path.join(this.dir, `${key}.json`);
  }

  /** Where the id goes once known: a file of its own beside the intent, `<key>.id.json`. */
  private idFile(intentFile: string): string {
    return `${intentFile.slice(0, -".json".length)}.id.json`;
  }

  /**
   * One write(2) of a small file, no temp file and rename (those two renames per create were most of the
   * journal's cost, and the journal is on every create's path). Why that is safe:
   * - the intent is written before the POST: a process that dies while writing it has sent nothing, so a torn
   *   (unreadable) intent, which counts as no claim, is the truth;
   * - the id goes to a new file of its own, never over the intent: a torn id file is ignored and the intent
   *   still stands (recognised by its time, as when the answer was never read).
   */
  private write(file: string, entry: InterruptedCreate): void {
    if (!this.ready) {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      this.ready = true;
    }
    fs.writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
  }

  /** Before the POST. */
  intend(app: string, name: string, now = new Date()): void {
    const intendedAt = now.toISOString();
    const file = this.file(app, name);
    this.intendedAt.set(file, intendedAt);
    // an id left by an older create of the name is not this one's; looked for first, as there is rarely one and
    // rmSync finds that out by throwing (and catching) an ENOENT, 4% of a native create's CPU (issue 25 profile)
    const idFile = this.idFile(file);
    if (this.ready && fs.existsSync(idFile)) fs.rmSync(idFile, { force: true });
    this.write(file, { app, lname: name.trim().toLowerCase(), intendedAt });
  }

  /** After the POST's answer gave the id. */
  record(app: string, name: string, id: string): void {
    const file = this.file(app, name);
    const intendedAt = this.intendedAt.get(file) ?? this.find(app, name)?.intendedAt ?? new Date().toISOString();
    this.intendedAt.delete(file);
    this.write(this.idFile(file), { app, lname: name.trim().toLowerCase(), intendedAt, id });
  }

  /** Once the create definitely made nothing. */
  done(app: string, name: string): void {
    const file = this.file(app, name);
    this.intendedAt.delete(file);
    fs.rmSync(this.idFile(file), { force: true });
    fs.rmSync(file, { force: true });
  }

  /** The engine holds `id` in state: an entry for it (or one whose answer was never read) is over. */
  settle(app: string, name: string, id: string): void {
    const entry = this.find(app, name);
    if (entry && (entry.id === undefined || entry.id === id)) this.done(app, name);
  }

  /** The id file's entry when it is readable and this name's, else the intent's; undefined when neither is. */
  find(app: string, name: string): InterruptedCreate | undefined {
    const file = this.file(app, name);
    return this.readEntry(this.idFile(file), app, name) ?? this.readEntry(file, app, name);
  }

  private readEntry(file: string, app: string, name: string): InterruptedCreate | undefined {
    // most lookups find no file (every diff and read settles): a check is cheaper than the thrown ENOENT
    if (!fs.existsSync(file)) return undefined;
    try {
      const entry = JSON.parse(fs.readFileSync(file, "utf8")) as InterruptedCreate;
      return entry.app === app && entry.lname === name.trim().toLowerCase() ? entry : undefined;
    } catch {
      return undefined; // absent or unreadable: no claim
    }
  }
}
