/**
 * The schedule's calls (Kore's v2 schedule API, which addresses a campaign by name): one enable per change, one
 * disable to remove it, each after the checks that keep it from reaching the wrong campaign or a campaign that
 * is running inside its window. The same calls for voice and SMS campaigns (the pages' "voice or SMS campaign
 * schedule"). Pulumi-free; the rules themselves are in shared/outbound/schedule.ts.
 */
import { KoreApiError } from "../../kore-api/errors";
import { PartialFailure } from "../../shared/partial-failure";
import { messageOf } from "../../util/values";
import type { LifecycleContext } from "./context";
import { union, without, type CampaignOutputs, type RunDefinition } from "./outputs";
import { endedScheduleProblem, IN_WINDOW_REMEDY, RUNNING_IN_WINDOW, scheduleRefusedHint, toWireSchedule } from "../outbound/schedule";

/**
 * A schedule edit for a campaign its schedule runs: refused, before any call that writes, while the campaign runs
 * inside the window (Kore refuses it then, and only a stop no change asked for would get it through). Returns the
 * status read, for the hint on a refusal of the schedule call.
 */
export async function refuseEditInWindow(ctx: LifecycleContext, id: string, name: string): Promise<string> {
  const { status } = await ctx.client.getCampaignStatus(id);
  if (RUNNING_IN_WINDOW.includes(status)) {
    throw new Error(
      `campaign ${id} ("${name}") is ${status === "Active" ? "dialing" : "running"} inside its schedule window (status ${status}): Kore refuses a new schedule while it runs, ` +
        `and this change does not ask to stop it, so nothing was sent. ${IN_WINDOW_REMEDY}`,
    );
  }
  return status;
}

/** An enabled schedule whose end has passed is refused before any call (Kore: "greater than ... current time"). */
export function refuseEndedSchedule(ctx: LifecycleContext, definition: RunDefinition): void {
  const rule = endedScheduleProblem(definition.schedule, (ctx.now ?? Date.now)());
  if (rule) throw new Error(`campaign "${definition.name}": schedule.end ${rule}`);
}

/**
 * Sends the definition's schedule (one enable, or one disable) for the campaign under its current name.
 * On failure the campaign stays in state with the schedule pending, so the next up sends it again.
 */
export async function applySchedule<D extends RunDefinition>(ctx: LifecycleContext, id: string, outs: CampaignOutputs<D>, statusBefore?: string): Promise<CampaignOutputs<D>> {
  const pending = { ...outs, pendingChanges: union(outs.pendingChanges, "schedule") };
  let answer: { id?: string };
  try {
    // Kore finds the campaign by name: never send it when the name is another campaign's (renamed in the console,
    // another campaign took the name). The one name view answers for every campaign of the app.
    const holder = await ctx.names.entry(outs.name);
    if (holder && holder.id !== id) {
      throw new PartialFailure(
        `campaign ${id} ("${outs.name}"): the schedule call addresses a campaign by name, and "${outs.name}" is now campaign ${holder.id} in this app ` +
          `(renamed in the console?), not ${id}; nothing was sent. Give the two campaigns different names (here or in the console), then run up again`,
        id,
        pending,
      );
    }
    answer = await ctx.client.setCampaignSchedule(outs.name, toWireSchedule(outs.schedule));
  } catch (err) {
    if (err instanceof PartialFailure) throw err;
    const what = outs.schedule.enabled ? "enabling its schedule" : "disabling its schedule";
    const hint = err instanceof KoreApiError && err.status === 409 ? scheduleRefusedHint(statusBefore) : undefined;
    throw new PartialFailure(`campaign ${id} ("${outs.name}") exists, but ${what} failed: ${messageOf(err)}${hint ? `; ${hint}` : ""}`, id, pending);
  }
  if (answer.id !== undefined && answer.id !== id) {
    throw new PartialFailure(
      `campaign ${id} ("${outs.name}"): the schedule call for "${outs.name}" was answered for campaign ${answer.id}, not ${id}: Kore scheduled that campaign ` +
        `(or ended its schedule), not this one. Check campaign ${answer.id} in the console, give the two campaigns different names, then run up again`,
      id,
      pending,
    );
  }
  const applied = { ...outs, pendingChanges: without(outs.pendingChanges, "schedule") };
  if (!outs.schedule.enabled) return applied;
  // One status read, so state records what Kore shows now (Scheduled, or Active inside the window) and the
  // next review sees it; a failed read keeps the status last known (the schedule itself was applied).
  try {
    return { ...applied, status: (await ctx.client.getCampaignStatus(id)).status };
  } catch {
    return applied;
  }
}
