/**
 * provider/resources/campaign/diff.ts: quiet after a round trip through Kore's format, one path per change, `started`,
 * target changes replace, `adoptExisting` ignored, and the Pulumi detailedDiff shape.
 */
import { diffCampaign, sameTarget, type CampaignState } from "../../../provider/resources/campaign/diff";
import { validateCampaign, type CampaignDefinition } from "../../../provider/resources/campaign/schema";
import { fromWireCampaign, toWireBody } from "../../../provider/resources/campaign/wire";
import { SAMPLE_AGENTLESS, SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";
import { RESPONSE_CREATE_PROGRESSIVE, inputFromDocBody } from "../../fixtures/doc-samples";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TARGET = { host: "https://platform.kore.ai", appId: "st-0603182c-7ffb-53c3-b307-47ca14b9xxxx", accountId: "67777ce93e25326494e9xxxx" };

function definitionOf(input: unknown): CampaignDefinition {
  const result = validateCampaign(input);
  if (!result.ok) throw new Error(result.failures.map((f) => f.message).join("; "));
  const { started: _started, adoptExisting: _adopt, ...definition } = result.value;
  return definition;
}

const base = (): CampaignDefinition => definitionOf(inputFromDocBody(SAMPLE_PROGRESSIVE));
const state = (definition: CampaignDefinition, extra: Partial<CampaignState> = {}): CampaignState => ({ definition, started: false, target: TARGET, ...extra });
const edited = (edit: (input: Record<string, any>) => void): CampaignDefinition => {
  const input = inputFromDocBody(SAMPLE_PROGRESSIVE);
  edit(input);
  return definitionOf(input);
};

const NO_CHANGE = { changed: [], replaceKeys: [], definitionChanged: false, scheduleChanged: false, startedChanged: false };

describe("no change", () => {
  test("after a round trip through the wire format", () => {
    const definition = base();
    const back = fromWireCampaign(toWireBody(definition, "create") as unknown as Record<string, unknown>).definition as CampaignDefinition;
    expect(diffCampaign(state(definition), state(back))).toEqual(NO_CHANGE);
  });

  test("after reading the documented create answer (queue_name and schedule not echoed)", () => {
    const definition = base();
    const back = fromWireCampaign(structuredClone(RESPONSE_CREATE_PROGRESSIVE.data), definition).definition;
    expect(diffCampaign(state(definition), state(back))).toEqual(NO_CHANGE);
  });

  test("between un-normalized and normalized spellings of the same definition", () => {
    const loose = {
      ...base(),
      priority: 5,
      dialingStrategy: {
        ...base().dialingStrategy,
        callingHours: {
          ...base().dialingStrategy.callingHours,
          timezone: "asia/kolkata",
          days: [...base().dialingStrategy.callingHours.days].reverse().map((d) => ({ ...d, day: d.day.toLowerCase(), start: "09:00 am" })),
        },
      },
    } as unknown as CampaignDefinition;
    expect(diffCampaign(state(base()), state(loose))).toEqual(NO_CHANGE);
  });

  test("adoptExisting never counts", () => {
    const withAdopt = { ...base(), adoptExisting: true } as unknown as CampaignDefinition;
    expect(diffCampaign(state(base(), { adoptExisting: false }), state(withAdopt, { adoptExisting: true }))).toEqual(NO_CHANGE);
  });

  test("the same target, spelled with another case and a trailing slash", () => {
    const next = state(base(), { target: { ...TARGET, host: "HTTPS://Platform.Kore.ai/ " } });
    expect(diffCampaign(state(base()), next)).toEqual(NO_CHANGE);
    const t = { appId: "st-1", accountId: "a" };
    expect(sameTarget({ ...t, host: " https://Platform.kore.ai// " }, { ...t, host: "https://platform.kore.ai" })).toBe(true);
  });

  test("the default port is the same app; another port is not", () => {
    const t = { appId: "st-1", accountId: "a" };
    expect(diffCampaign(state(base()), state(base(), { target: { ...TARGET, host: "https://platform.kore.ai:443" } }))).toEqual(NO_CHANGE);
    expect(sameTarget({ ...t, host: "https://platform.kore.ai:443" }, { ...t, host: "https://platform.kore.ai" })).toBe(true);
    expect(sameTarget({ ...t, host: "https://platform.kore.ai:8443" }, { ...t, host: "https://platform.kore.ai" })).toBe(false);
  });

  test("a side without a target does not replace", () => {
    expect(diffCampaign(state(base(), { target: undefined }), state(base(), { target: { ...TARGET, appId: "st-other" } }))).toEqual(NO_CHANGE);
  });
});

describe("changes", () => {
  test("one field: its path, in place", () => {
    const d = diffCampaign(state(base()), state(edited((i) => (i.dialingStrategy.maxRingTime = 45))));
    expect(d).toEqual({ changed: ["dialingStrategy.maxRingTime"], replaceKeys: [], definitionChanged: true, scheduleChanged: false, startedChanged: false });
  });

  test("a calling window's time: the element's path", () => {
    const d = diffCampaign(state(base()), state(edited((i) => (i.dialingStrategy.callingHours.days[2].start = "10 am"))));
    expect(d.changed).toEqual(["dialingStrategy.callingHours.days[2].start"]);
  });

  test("a contact list added, and a window removed: the positions that differ", () => {
    const d = diffCampaign(
      state(base()),
      state(
        edited((i) => {
          i.contactLists.push("Lapsed Customers");
          i.dialingStrategy.callingHours.days.pop();
        }),
      ),
    );
    expect(d.changed).toEqual(["contactLists[1]", "dialingStrategy.callingHours.days[4]"]);
  });

  test("several fields at once", () => {
    const d = diffCampaign(
      state(base()),
      state(
        edited((i) => {
          i.name = "Renewals 2";
          i.priority = 2;
          i.enableMachineDetect = true;
        }),
      ),
    );
    expect(d.changed.sort()).toEqual(["enableMachineDetect", "name", "priority"]);
  });

  test("a dialing mode switch shows the mode's fields", () => {
    const agentless = definitionOf(inputFromDocBody({ ...SAMPLE_PROGRESSIVE, dialingMode: "Agentless", queue_name: undefined, experienceFlowName: "Flow" }));
    const d = diffCampaign(state(base()), state(agentless));
    expect(d.changed.sort()).toEqual(["dialingMode", "experienceFlowName", "queueName"]);
  });

  test("started only", () => {
    expect(diffCampaign(state(base()), state(base(), { started: true }))).toEqual({
      changed: ["started"],
      replaceKeys: [],
      definitionChanged: false,
      scheduleChanged: false,
      startedChanged: true,
    });
  });

  test.each([
    ["host", { host: "https://bots.kore.ai" }],
    ["appId", { appId: "st-another-app" }],
    ["accountId", { accountId: "another-account" }],
  ])("another target %s replaces (connection)", (_field, change) => {
    const d = diffCampaign(state(base()), state(edited((i) => (i.description = "New")), { target: { ...TARGET, ...change } }));
    expect(d.replaceKeys).toEqual(["connection"]);
    expect(d.changed).toEqual(["description"]);
  });

  test("a value still unknown (preview) is a change, and nothing throws", () => {
    const next = { ...base(), name: UNKNOWN, dialingStrategy: UNKNOWN } as unknown as CampaignDefinition;
    expect(diffCampaign(state(base()), state(next)).changed.sort()).toEqual(["dialingStrategy", "name"]);
  });

  test("an agentless definition compares with itself quietly", () => {
    const definition = definitionOf(inputFromDocBody(SAMPLE_AGENTLESS));
    expect(diffCampaign(state(definition), state(structuredClone(definition)))).toEqual(NO_CHANGE);
  });
});
