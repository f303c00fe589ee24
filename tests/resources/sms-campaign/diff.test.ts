/**
 * provider/resources/sms-campaign/diff.ts: changes as paths after normalization, the schedule and
 * `started` apart, a target change replacing. Definitions from the pages' samples.
 */
import { diffSmsCampaign } from "../../../provider/resources/sms-campaign/diff";
import { validateSmsCampaign, type SmsCampaignDefinition } from "../../../provider/resources/sms-campaign/schema";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, smsInputFromDocBody } from "../../fixtures/sms-samples";

function definitionOf(body: Record<string, unknown>): SmsCampaignDefinition {
  const result = validateSmsCampaign(smsInputFromDocBody(body));
  if (!result.ok) throw new Error(result.failures.map((f) => f.message).join("; "));
  const { started: _s, adoptExisting: _a, restartedAt: _r, recipients: _p, ...definition } = result.value;
  return definition as SmsCampaignDefinition;
}
const TARGET = { host: "https://platform.kore.ai", appId: "st-1", accountId: "acc-1" };

test("the same campaign, written loosely, is no change", () => {
  const old = definitionOf(SMS_REQUEST_SIMPLE);
  const loose = structuredClone(old) as any;
  loose.priority = 5;
  loose.dialingStrategy.callingHours.days = [...loose.dialingStrategy.callingHours.days].reverse().map((d: any) => ({ ...d, day: d.day.toLowerCase(), start: "09:00 am" }));
  delete loose.format; // the default
  expect(diffSmsCampaign({ definition: old, started: false, target: TARGET }, { definition: loose, started: false, target: TARGET })).toEqual({
    changed: [],
    replaceKeys: [],
    definitionChanged: false,
    scheduleChanged: false,
    startedChanged: false,
  });
});

test("a new text is one changed path, an update", () => {
  const old = definitionOf(SMS_REQUEST_SIMPLE);
  const next = { ...old, message: { text: "Your event starts at 6 PM" } };
  expect(diffSmsCampaign({ definition: old, started: true }, { definition: next, started: true })).toMatchObject({ changed: ["message.text"], definitionChanged: true, scheduleChanged: false, startedChanged: false });
});

test("simple to advanced: format, message and flow change, in place", () => {
  const old = definitionOf(SMS_REQUEST_SIMPLE);
  const next = { ...definitionOf(SMS_REQUEST_ADVANCED), name: old.name, description: old.description };
  const diff = diffSmsCampaign({ definition: old, started: false }, { definition: next, started: false });
  expect(diff.changed).toEqual(expect.arrayContaining(["format", "message", "experienceFlowName"]));
  expect(diff.replaceKeys).toEqual([]);
});

test("started and the schedule are their own kinds of change; another app replaces", () => {
  const old = definitionOf(SMS_REQUEST_SIMPLE);
  const scheduled = { ...old, schedule: { enabled: true as const, start: "2027-01-04 09:00:00", end: "2027-02-04 09:00:00", repeat: { every: 1, unit: "day" as const } } };
  expect(diffSmsCampaign({ definition: old, started: false }, { definition: scheduled, started: false })).toMatchObject({ definitionChanged: false, scheduleChanged: true });
  expect(diffSmsCampaign({ definition: old, started: false }, { definition: old, started: true })).toMatchObject({ changed: ["started"], startedChanged: true, definitionChanged: false });
  expect(diffSmsCampaign({ definition: old, started: false, target: TARGET }, { definition: old, started: false, target: { ...TARGET, appId: "st-2" } }).replaceKeys).toEqual(["connection"]);
});
