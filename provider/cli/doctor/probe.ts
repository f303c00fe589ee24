/**
 * `--write-probe`: one throwaway contact list and one campaign, made, read back, changed and deleted with the
 * provider's own rules (schema.ts), wire bodies (wire.ts) and client, so that every write `pulumi up` makes is
 * tried once, on things nobody else uses. It never sends play: the campaign is never started (Kore makes a new
 * campaign Preparing, then Ready; it never dials until started).
 *
 * Failure paths: a step that fails stops the probe; then what was made is deleted, campaign first (a list in
 * use cannot be deleted), and each deletion is confirmed by a read that answers 404. A create whose answer was
 * lost is looked up by its unique name. Whatever cannot be deleted is named, with its id, in `leftovers`.
 */
import type { KoreClient } from "../../kore-api/client";
import { KoreApiError } from "../../kore-api/errors";
import type { KoreTarget } from "../../kore-api/target";
import { validateCampaign } from "../../resources/campaign/schema";
import { toWireBody } from "../../resources/campaign/wire";
import { toContactListBody } from "../../resources/contact-list/wire";
import { endpointRow, type Row } from "./checks";
import type { CallOutcome, ExchangeRecorder } from "./record";

export interface ProbeOptions {
  /** The agent queue of the probe's Progressive campaign (it must exist in a real app). Default "Default Queue", as in the docs' sample. */
  queueName?: string;
  /** Its caller id. Default the docs' sample, +1812345678. */
  callerId?: string;
  now?: () => Date;
}

interface ProbeContext extends ProbeOptions {
  target: KoreTarget;
  announce(line: string): void;
}

/** The probe's name: unique to the millisecond (two CI jobs in one second), plain to anyone who finds it in the console; 46 characters, within the 48 allowed. */
export function probeName(at: Date): string {
  return `kore-campaigns doctor ${at.toISOString()}`;
}

const DESCRIPTION = "Throwaway made by kore-campaigns doctor --write-probe; it deletes it at once. Safe to delete.";

export async function runWriteProbe(client: KoreClient, recorder: ExchangeRecorder, ctx: ProbeContext): Promise<{ rows: Row[]; leftovers: string[] }> {
  const name = probeName((ctx.now ?? (() => new Date()))());
  const rows: Row[] = [];
  const input = {
    name,
    description: DESCRIPTION,
    contactLists: [name],
    priority: 1,
    dialingMode: "Progressive",
    queueName: ctx.queueName ?? "Default Queue",
    dialingStrategy: {
      callerId: { phoneNumber: ctx.callerId ?? "+1812345678" },
      callingHours: { frequency: "WEEKLY", timezone: "UTC", days: [{ day: "MO", start: "9:00 AM", end: "10:00 AM" }] },
      dialingOrder: "FIFO",
      maxAttemptsPerRecord: 1,
      defaultRetryPeriod: 10,
      maxRingTime: 30,
    },
    started: false,
  };
  const checked = validateCampaign(input);
  if (!checked.ok) {
    rows.push({ check: "write probe", result: "FAIL", detail: `not run: the probe campaign breaks a rule: ${checked.failures.map((f) => `${f.path}: ${f.message}`).join("; ")}` });
    return { rows, leftovers: [] };
  }
  const definition = checked.value as Parameters<typeof toWireBody>[0];
  ctx.announce(
    `write probe: creating the contact list "${name}" and the campaign "${name}" (Progressive, never started: no play is sent) ` +
      `in app ${ctx.target.appId} at ${ctx.target.host}; reading the campaign back, changing its description, then deleting both.`,
  );

  const made: { listId?: string; campaignId?: string; listUnknown?: boolean; campaignUnknown?: boolean } = {};
  const gone = { campaign: false, list: false };
  /** Runs a step and adds its row; false when it failed (the probe stops). */
  const step = async <T>(label: string, call: CallOutcome["call"], fn: () => Promise<T>, check?: (value: T) => string | undefined): Promise<T | undefined> => {
    const o = await recorder.observe(`write probe: ${label}`, call, fn);
    const r = endpointRow(o);
    const problem = o.error === undefined && check ? check(o.value as T) : undefined;
    rows.push(problem ? { ...r, result: "FAIL", detail: `${r.detail}; but ${problem}` } : r);
    return r.result === "FAIL" || problem ? undefined : ((o.value ?? true) as T);
  };
  const unknownOutcome = () => {
    const last = recorder.exchanges.at(-1);
    return last !== undefined && !(last.response && last.response.status >= 400 && last.response.status < 500);
  };

  run: {
    const list = await step("createContactList", "createContactList", () =>
      client.createContactList(toContactListBody({ name, description: DESCRIPTION, allowDuplicates: false })),
    );
    if (!list) {
      made.listUnknown = unknownOutcome();
      break run;
    }
    made.listId = list.id;
    const created = await step("createCampaign", "createCampaign", () => client.createCampaign(toWireBody(definition, "create")));
    if (!created) {
      made.campaignUnknown = unknownOutcome();
      break run;
    }
    made.campaignId = created.id;
    const id = created.id;
    const sameAs = (description: string) => (record: Record<string, unknown>) => {
      const differs = [
        record.name !== name && `name is ${JSON.stringify(record.name)}`,
        record.description !== description && `description is ${JSON.stringify(String(record.description)).slice(0, 80)}`,
        !(Array.isArray(record.contactLists) && record.contactLists.includes(name)) && "contactLists lacks the probe's list",
      ].filter(Boolean);
      return differs.length ? `the campaign read back differs from what was sent: ${differs.join("; ")}` : undefined;
    };
    if (!(await step("getCampaign (read back)", "getCampaign", () => client.getCampaign(id), sameAs(DESCRIPTION)))) break run;
    const changed = `${DESCRIPTION} (updated)`;
    if (!(await step("updateCampaign (description)", "updateCampaign", () => client.updateCampaign(id, toWireBody({ ...definition, description: changed }, "update"))))) break run;
    if (!(await step("getCampaign (after the update)", "getCampaign", () => client.getCampaign(id), sameAs(changed)))) break run;
    if (!(await step("deleteCampaign", "deleteCampaign", () => client.deleteCampaign(id)))) break run;
    if (!(gone.campaign = await confirmGone(recorder, rows, "campaign", () => client.getCampaign(id)))) break run;
    const listId = list.id;
    if (!(await step("deleteContactList", "deleteContactList", () => client.deleteContactList(listId)))) break run;
    gone.list = await confirmGone(recorder, rows, "contact list", () => client.getContactList(listId));
  }

  // Clean up whatever is still there: the campaign first (Kore refuses to delete a list a campaign names).
  const leftovers: string[] = [];
  if (!gone.campaign && (made.campaignId || made.campaignUnknown)) {
    const id = made.campaignId ?? (await findByName(recorder, rows, "campaign", () => client.listAllCampaigns(), name));
    if (id && !(await cleanUp(recorder, rows, "campaign", () => client.deleteCampaign(id), () => client.getCampaign(id)))) leftovers.push(`campaign "${name}" (${id})`);
    if (!id && made.campaignUnknown) leftovers.push(`campaign "${name}" (perhaps made: its create got no answer and a lookup by name failed)`);
  }
  if (!gone.list && (made.listId || made.listUnknown)) {
    const id = made.listId ?? (await findByName(recorder, rows, "contact list", () => client.listContactLists(), name));
    if (id && !(await cleanUp(recorder, rows, "contact list", () => client.deleteContactList(id), () => client.getContactList(id)))) leftovers.push(`contact list "${name}" (${id})`);
    if (!id && made.listUnknown) leftovers.push(`contact list "${name}" (perhaps made: its create got no answer and a lookup by name failed)`);
  }
  return { rows, leftovers };
}

const isNotFound = (err: unknown) => err instanceof KoreApiError && err.status === 404;

/** A read that must answer 404 now that the thing is deleted. */
async function confirmGone(recorder: ExchangeRecorder, rows: Row[], what: string, read: () => Promise<unknown>): Promise<boolean> {
  const o = await recorder.observe(`write probe: ${what} gone?`, what === "campaign" ? "getCampaign" : "getContactList", read);
  const ok = isNotFound(o.error);
  rows.push({ check: o.step, result: ok ? "ok" : "FAIL", detail: ok ? "404 after the delete, as expected" : o.error ? endpointRow(o).detail : `the ${what} is still there after its delete answered` });
  return ok;
}

/** A delete during clean-up; a 404 (already gone) counts as done. True when the thing is confirmed gone. */
async function cleanUp(recorder: ExchangeRecorder, rows: Row[], what: string, remove: () => Promise<void>, read: () => Promise<unknown>): Promise<boolean> {
  const o = await recorder.observe(`clean-up: delete the ${what}`, what === "campaign" ? "deleteCampaign" : "deleteContactList", remove);
  const removed = o.error === undefined || isNotFound(o.error);
  rows.push({ check: o.step, result: removed ? "ok" : "FAIL", detail: removed ? "deleted" : endpointRow(o).detail });
  return removed && confirmGone(recorder, rows, what, read);
}

/** After a create whose answer was lost: the id of the thing of that (unique) name, if Kore has one. */
async function findByName(
  recorder: ExchangeRecorder,
  rows: Row[],
  what: string,
  list: () => Promise<Array<{ id: string } & Record<string, unknown>>>,
  name: string,
): Promise<string | undefined> {
  const o = await recorder.observe(`clean-up: look the ${what} up by name`, what === "campaign" ? "listCampaigns" : "listContactLists", list);
  const found = o.value?.find((r) => r.name === name)?.id;
  rows.push({ check: o.step, result: o.error ? "FAIL" : "ok", detail: o.error ? endpointRow(o).detail : found ? `found ${found}` : "none: it was not made" });
  return found;
}
