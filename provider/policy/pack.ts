/**
 * The Pulumi policy pack (`pulumi preview --policy-pack <package>/policy`): one stack policy per rule of
 * the compliance table, mandatory by default (named by the rule id, so `--policy-pack-config` can make one
 * advisory or disable it), one for an error the table does not list, and one advisory policy for the
 * engine's warnings. Stack policies, so a campaign's contact lists (and their recipients) are in view.
 * The engine runs once per stack and preview, not once per policy. policy/index.js calls servePolicyPack().
 */
import { PolicyPack, type PolicyResource, type StackValidationPolicy } from "@pulumi/policy";
import { RULES } from "../compliance";
import { OTHER_ERRORS_POLICY, violationsOf, WARNINGS_POLICY, type StackResource, type Violation } from "./stack";

export const POLICY_PACK_NAME = "kore-campaigns-compliance";

/** @pulumi/policy's way to the raw properties behind its unknown-checking proxy (proxy.js getSpecialProxyTarget). */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The raw properties: read through the proxy, a value not known in preview throws, and @pulumi/policy then
 * turns the whole stack policy into an advisory "can't run during preview": a mandatory rule would pass
 * silently. Raw, unknowns reach the engine, which judges them as their widest.
 */
function rawProps(resource: PolicyResource): Record<string, unknown> {
  const props = resource.props as Record<string, unknown>;
  const target = props[PROXY_TARGET];
  return (target ?? props) as Record<string, unknown>;
}

function stackResources(resources: readonly PolicyResource[]): StackResource[] {
  const converted = new Map<PolicyResource, StackResource>();
  for (const r of resources) converted.set(r, { type: r.type, name: r.name, urn: r.urn, props: rawProps(r) });
  for (const [r, s] of converted) {
    s.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies ?? {}).map(([k, deps]) => [k, deps.flatMap((d) => converted.get(d) ?? [])]));
  }
  return [...converted.values()];
}

/** One engine run per stack: every policy of one AnalyzeStack call sees the same resources. */
let last: { key: string; violations: Violation[] } | undefined;
function violationsFor(resources: readonly PolicyResource[]): Violation[] {
  const stack = stackResources(resources);
  // the dynamic provider's serialized code (`__provider`) is large and judged by no rule: not part of the key
  const key = JSON.stringify(stack.map((s) => [s.urn, { ...s.props, __provider: undefined }, s.propertyDependencies?.contactLists?.map((d) => d.urn)]));
  if (last?.key !== key) last = { key, violations: violationsOf(stack, Date.now()) };
  return last.violations;
}

function policy(name: string, description: string, enforcementLevel: "mandatory" | "advisory"): StackValidationPolicy {
  return {
    name,
    description,
    enforcementLevel,
    validateStack: (args, report) => {
      for (const v of violationsFor(args.resources)) if (v.policy === name) report(v.message, v.urn);
    },
  };
}

export function policies(): StackValidationPolicy[] {
  return [
    ...RULES.map((rule) => policy(rule.id, `${rule.summary} (${rule.source.citation})`, "mandatory")),
    policy(OTHER_ERRORS_POLICY, "A compliance rule the engine reports that this pack's table does not list", "mandatory"),
    policy(WARNINGS_POLICY, "What the compliance rules could not check (recipients unknown, values not known in preview, holiday tables' years)", "advisory"),
  ];
}

/** Starts the pack's gRPC server (the CLI runs it through @pulumi/pulumi/cmd/run-policy-pack). */
export function servePolicyPack(): PolicyPack {
  return new PolicyPack(POLICY_PACK_NAME, { policies: policies() });
}
