/**
 * One campaign as `kore-campaigns export` writes it: what Kore answered (details and list record) -> the
 * definition file's text, or why it cannot be written. Pure. Voice campaigns (`voiceFileFor`) and SMS
 * campaigns (`smsFileFor`) share the rule for what Kore holds but the API never shows: the file says what
 * is true and leaves that field out, with a comment at its place, so the file does not validate until a
 * person writes it (never a guessed value, which the first up would write to Kore); the command lists it
 * as "to complete by hand".
 */
import type { WireCampaign } from "../kore-api/client";
import { printable } from "../gitops/format";
import { renderDefinitionFile, renderSmsDefinitionFile } from "../gitops/render";
import { campaignAsItIs } from "../resources/campaign/from-server";
import { validateCampaign, type CampaignSpec, type ValidationFailure } from "../resources/campaign/schema";
import { smsCampaignAsItIs } from "../resources/sms-campaign/from-server";
import { validateSmsCampaign } from "../resources/sms-campaign/schema";

/** A file's text (with why a person must complete it, when they must), or why no file is written. */
export type FileMade = { text: string; incomplete?: string } | { problem: string };

/** Server text for one line of output or a comment: control characters as \uXXXX, cut short. */
export function shownText(text: string): string {
  const line = printable(text);
  return line.length > 80 ? `${line.slice(0, 80)}...` : line;
}

const ADOPT_NOTE = "adoptExisting: true lets the first up take the existing campaign over (no duplicate); it can stay.";

/**
 * No documented call reads a schedule back (schedule.ts): the file says what is true (a schedule is enabled,
 * started: false) and leaves start, end and repeat out, so the file does not validate until a person writes them
 * (never "no schedule", which the next PUT would send as isSchedulingEnabled: false).
 */
const SCHEDULED_NOTE =
  "Kore holds a schedule for it that the API cannot read back: copy its start, end and repeat (UTC) from the Kore.ai console under schedule: before the first up (validate says what is missing).";
export const SCHEDULE_UNREAD = "start, end and repeat: not readable through the API; write them from the console";
const SCHEDULE_INCOMPLETE = "Kore holds a schedule for it: write its start, end and repeat from the console (the API cannot read them)";

function notValid(failures: readonly ValidationFailure[]): { problem: string } {
  return { problem: `what Kore answered is not a valid definition: ${failures.map((f) => printable(f.message)).slice(0, 5).join("; ")}` };
}

/** A voice campaign's file. */
export function voiceFileFor(listRecord: WireCampaign, details: WireCampaign): FileMade {
  const { definition, observed, status, started, startedNote, holdsSchedule } = campaignAsItIs(details, listRecord);
  // every field but an unreadable schedule is checked and normalized by the schema
  const checked = validateCampaign({ ...definition, schedule: { enabled: false }, started, adoptExisting: true });
  if (!checked.ok) return notValid(checked.failures);
  const spec = checked.value as CampaignSpec;
  const text = renderDefinitionFile(
    { ...spec, priority: Number(spec.priority), ...(holdsSchedule ? { schedule: { enabled: true } } : {}) } as unknown as CampaignSpec,
    {
      header: [`Exported from Kore.ai by kore-campaigns export (campaign ${observed.id}, status ${status ?? "unknown"}).`, ADOPT_NOTE, ...(holdsSchedule ? [SCHEDULED_NOTE] : [])],
      started: startedNote,
      ...(holdsSchedule ? { before: { schedule: SCHEDULE_UNREAD } } : {}),
    },
  );
  return holdsSchedule ? { text, incomplete: SCHEDULE_INCOMPLETE } : { text };
}

/**
 * What an SMS campaign's records never show (resources/sms-campaign/wire.ts): an advanced campaign's flow by
 * name (records carry `experienceFlow`, the flow's `cf-...` id) and a template's registered body (the answers
 * carry another rendition of it). Each is left out, with these words; the first up after a person writes it
 * sends it once (one PUT), as Kore cannot confirm it.
 */
const FLOW_NOTE =
  "Kore shows an advanced campaign's experience flow only by its id, never by its name: write the flow's name as experienceFlowName before the first up (validate says it is missing until then); the first up writes it once (one PUT), as Kore cannot confirm it.";
const flowUnread = (flowId: string | undefined) =>
  `experienceFlowName: not readable through the API (Kore shows only the flow's id${flowId === undefined ? "" : `, ${shownText(flowId)}`}): write the flow's name here`;
const flowIncomplete = (flowId: string | undefined) =>
  `advanced: Kore shows its experience flow only by its id${flowId === undefined ? "" : ` (${shownText(flowId)})`}: write experienceFlowName, the flow's name, by hand`;
const BODY_NOTE =
  "Kore never shows a template's registered body (its answers carry another rendition of it): write it under message: as body:, exactly as registered, before the first up (validate says it is missing until then); the first up writes it once (one PUT), as Kore cannot confirm it.";
const BODY_UNREAD = "body: not readable through the API (Kore shows another rendition of the template): write the template's registered body here";
const BODY_INCOMPLETE = "Kore never shows the template's registered body: write message.body by hand, exactly as registered";

/** Stands for an unread field while the others are checked; never written to a file. */
const STAND_IN = "(not readable)";

/** An SMS campaign's file: a simple text as fromWireSmsCampaign decodes it; what is never shown left out (above). */
export function smsFileFor(listRecord: WireCampaign, details: WireCampaign): FileMade {
  const { definition, observed, status, started, startedNote, holdsSchedule } = smsCampaignAsItIs(details, listRecord);
  const message = definition.message;
  // a value Kore does show is used (none does today); an unshown one is never guessed
  const noFlow = definition.format === "advanced" && definition.experienceFlowName === undefined;
  const noBody = message?.template !== undefined && message.body === undefined;
  const checked = validateSmsCampaign({
    ...definition,
    ...(noFlow ? { experienceFlowName: STAND_IN } : {}),
    ...(noBody ? { message: { ...message, body: STAND_IN } } : {}),
    schedule: { enabled: false },
    started,
    adoptExisting: true,
  });
  if (!checked.ok) return notValid(checked.failures);
  const { experienceFlowName, message: checkedMessage, ...rest } = checked.value;
  const spec: Record<string, unknown> = {
    ...rest,
    priority: Number(rest.priority),
    ...(noFlow ? {} : { experienceFlowName }),
    ...(checkedMessage === undefined ? {} : { message: noBody ? { ...checkedMessage, body: undefined } : checkedMessage }),
    ...(holdsSchedule ? { schedule: { enabled: true } } : {}),
  };
  const before: Record<string, string> = { ...(holdsSchedule ? { schedule: SCHEDULE_UNREAD } : {}), ...(noFlow ? { dialingStrategy: flowUnread(observed.experienceFlowId) } : {}) };
  const text = renderSmsDefinitionFile(spec, {
    header: [
      `Exported from Kore.ai by kore-campaigns export (SMS campaign ${observed.id}, status ${status ?? "unknown"}).`,
      ADOPT_NOTE,
      ...(holdsSchedule ? [SCHEDULED_NOTE] : []),
      ...(noFlow ? [FLOW_NOTE] : []),
      ...(noBody ? [BODY_NOTE] : []),
    ],
    started: startedNote,
    before,
    ...(noBody ? { inside: { message: BODY_UNREAD } } : {}),
  });
  const incomplete = [...(holdsSchedule ? [SCHEDULE_INCOMPLETE] : []), ...(noFlow ? [flowIncomplete(observed.experienceFlowId)] : []), ...(noBody ? [BODY_INCOMPLETE] : [])];
  return incomplete.length > 0 ? { text, incomplete: incomplete.join("; ") } : { text };
}
