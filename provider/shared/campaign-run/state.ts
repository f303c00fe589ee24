/**
 * The shape of what Pulumi stores for a campaign of any channel, and the small conversions the hooks need:
 * outputs -> definition and outputs -> inputs.
 */

/** Output fields that are not part of the definition sent to Kore. */
const NON_DEFINITION_KEYS = [
  "__provider",
  "connection",
  "started",
  "adoptExisting",
  "target",
  "status",
  "lname",
  "campaignInstanceId",
  "experienceFlowId",
  "templateId",
  "createdAt",
  "updatedAt",
  "pendingChanges",
  "restartedAt",
  "stoppedOutsideGit",
  "recipients",
] as const;

/** The fields a user declares (what `check` returns), taken from a full set of outputs. */
const INPUT_EXTRA_KEYS = ["started", "adoptExisting", "restartedAt", "connection", "recipients"] as const;

export function definitionOf<D = Record<string, unknown>>(props: object): D {
  const definition: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  for (const key of NON_DEFINITION_KEYS) delete definition[key];
  return definition as unknown as D;
}

export function inputsFromOutputs(outs: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...definitionOf(outs) };
  for (const key of INPUT_EXTRA_KEYS) if (outs[key] !== undefined) inputs[key] = outs[key];
  return inputs;
}
