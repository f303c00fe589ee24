/**
 * The pack's policies (provider/policy/pack.ts) as @pulumi/policy runs them: one mandatory policy per rule of
 * the table, the advisory one for warnings, and a stack validation over resources wrapped in @pulumi/policy's
 * own unknown-checking proxy, as its server passes them in a preview.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { RULES } from "../../provider/compliance";
import { policies, POLICY_PACK_NAME } from "../../provider/policy/pack";

// @pulumi/policy's internal proxy (proxy.js), the one its server wraps every resource's properties in
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: <T>(o: T) => T };
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ROOT = path.resolve(__dirname, "..", "..");

test("one mandatory policy per rule id of the table, one for errors the table does not list, and the advisory one for warnings", () => {
  const all = policies();
  expect(all.map((p) => p.name)).toEqual([...RULES.map((r) => r.id), "compliance-errors", "compliance-warnings"]);
  expect(all.filter((p) => p.enforcementLevel !== "mandatory").map((p) => p.name)).toEqual(["compliance-warnings"]);
  expect(all.find((p) => p.name === "us-federal-hours")?.description).toMatch(/47 CFR § 64\.1200\(c\)\(1\)/);
});

test("the pack's folder: its package.json has the package's version, PulumiPolicy.yaml runs plain JS", () => {
  const pack = JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "package.json"), "utf8"));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(pack.version).toBe(pkg.version);
  expect(pkg.files).toContain("policy");
  expect(fs.readFileSync(path.join(ROOT, "policy", "PulumiPolicy.yaml"), "utf8")).toMatch(/runtime:\n  name: nodejs\n  options:\n    typescript: false/);
  expect(POLICY_PACK_NAME).toBe("kore-campaigns-compliance");
});

function resource(type: string, name: string, props: Record<string, unknown>): PolicyResource {
  return { type, name, urn: `urn:pulumi:dev::p::${type}::${name}`, props: unknownCheckingProxy(props), dependencies: [], propertyDependencies: {} } as unknown as PolicyResource;
}

function run(policy: StackValidationPolicy, resources: PolicyResource[]): string[] {
  const reported: string[] = [];
  const args = { resources, getConfig: () => ({}), notApplicable: () => {} } as unknown as StackValidationArgs;
  void policy.validateStack(args, (message: string) => reported.push(message));
  return reported;
}

test("a value not known in preview does not turn the mandatory rule into a skip: the list's recipients reach the campaign through its dependency", () => {
  const list = resource("kore:index:ContactList", "new-york", { name: UNKNOWN_STRING, recipients: { regions: ["US-NY"] } });
  const campaign = resource("kore:index:VoiceCampaign", "evening", {
    name: "Evening Renewals",
    contactLists: [UNKNOWN_STRING],
    dialingStrategy: { callingHours: { frequency: "WEEKLY", timezone: "America/New_York", days: [{ day: "MO", start: "9:00 AM", end: "9:30 PM" }] } },
  });
  (campaign as { propertyDependencies: Record<string, PolicyResource[]> }).propertyDependencies = { contactLists: [list] };
  const federal = policies().find((p) => p.name === "us-federal-hours")!;
  const reported = run(federal, [list, campaign]);
  expect(reported).toHaveLength(1);
  expect(reported[0]).toMatch(/^campaign "Evening Renewals" dials at Mon \d{4}-\d{2}-\d{2} 9:00 PM America\/New_York/);
  // the other rules have nothing to say about it
  expect(run(policies().find((p) => p.name === "us-fl-hours")!, [list, campaign])).toEqual([]);
});
