/**
 * `kore-campaigns validate --policy us,uk,in`: the compliance rules (provider/compliance/) over the loaded
 * definition files (voice and SMS campaigns), offline. A violation is an error at its file and line, a "may" or "not checked" a warning.
 * Opt-in: without --policy nothing here runs. The policy comes from the command line (the workflow, from the
 * base branch), never from a file a pull request could edit.
 */
import * as fs from "fs";
import { checkCampaign, type Finding } from "../compliance";
import { locate, type LoadResult, type Problem } from "../gitops";
import { recipientsSchema, type Recipients } from "../shared/recipients";
import { asRecord } from "../util/values";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Y = (): typeof import("yaml") => require("yaml");

type Positions = { doc: import("yaml").Document; lineCounter: import("yaml").LineCounter };

function positionsOf(file: string, cache: Map<string, Positions | undefined>): Positions | undefined {
  if (!cache.has(file)) {
    try {
      const lineCounter = new (Y().LineCounter)();
      cache.set(file, { doc: Y().parseDocument(fs.readFileSync(file, "utf8"), { lineCounter }), lineCounter });
    } catch {
      cache.set(file, undefined);
    }
  }
  return cache.get(file);
}

/** An external list file keeps only its name in the loader's result: its recipients are read from the file. */
function recipientsInFile(positions: Positions | undefined): Recipients | undefined {
  const parsed = recipientsSchema.safeParse(asRecord(positions?.doc.toJS())?.recipients);
  return parsed.success ? parsed.data : undefined;
}

/** The findings of every campaign of the loaded sets, as problems at their file and line. */
export function complianceProblems(results: readonly LoadResult[], policies: readonly string[], now: number): { problems: Problem[]; warnings: Problem[] } {
  const cache = new Map<string, Positions | undefined>();
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const result of results) {
    const lists = new Map<string, Recipients | undefined>();
    for (const list of result.contactLists) lists.set(list.name, list.external ? recipientsInFile(positionsOf(list.file, cache)) : list.spec?.recipients);
    // voice and SMS campaign files alike (US rules treat texts as calls: compliance/engine.ts)
    const campaigns = [...result.definitions.map((d) => ({ ...d, channel: "voice" as const })), ...result.smsDefinitions.map((d) => ({ ...d, channel: "sms" as const }))];
    for (const { file, spec, channel } of campaigns) {
      const findings = checkCampaign(
        { campaign: spec.name, definition: spec, recipients: spec.recipients, lists: spec.contactLists.map((name) => ({ list: name, recipients: lists.get(name) })), channel },
        { policies, now },
      );
      for (const finding of findings) (finding.severity === "error" ? problems : warnings).push(problemOf(file, finding, positionsOf(file, cache)));
    }
  }
  return { problems, warnings };
}

function problemOf(file: string, finding: Finding, positions: Positions | undefined): Problem {
  const at = positions ? locate(positions.doc, positions.lineCounter, finding.path) : undefined;
  return {
    file,
    ...(finding.severity === "warning" ? { severity: "warning" as const } : {}),
    ...(at ? { line: at.line, column: at.column } : {}),
    path: finding.path,
    message: finding.message,
    code: `compliance:${finding.ruleId}`,
  };
}
