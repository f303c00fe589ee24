/**
 * Checks across the files of one set (pure): the same resource name, the same name in Kore.ai, conflicting
 * renames, and the contact lists campaigns (voice and SMS) name that no file declares.
 */
import { NameView } from "../shared/name-view";
import { closestKeys } from "../shared/suggest";
import { CONTACT_LISTS_FOLDER, DEFINITION_KINDS, fileKind, withArticle } from "./file-kinds";
import type { ParsedFile } from "./parse";
import type { Problem } from "./problems";

const where = (p: { file: string; lineOf(path: string): number | undefined }, propertyPath: string) => {
  const line = p.lineOf(propertyPath);
  return line === undefined ? p.file : `${p.file}:${line}`;
};

/**
 * Problems between files: the same resource name and conflicting renames (each among the files of one
 * kind: a voice campaign, an SMS campaign and a list are different resource types), the same name in
 * Kore.ai (among the kinds that share names: a voice and an SMS campaign may not share one), and
 * campaigns' contact lists that no file declares (warnings: they may exist outside the stack).
 */
export function crossFileProblems(parsed: readonly ParsedFile[]): Problem[] {
  const kindOf = (p: ParsedFile) => fileKind(p.kind);
  const ofKind = DEFINITION_KINDS.map((kind) => parsed.filter((p) => (p.kind ?? "campaign") === kind));
  const namespaces = [...new Set(DEFINITION_KINDS.map((kind) => fileKind(kind).namespace))];
  return [
    ...ofKind.flatMap((files) => [...duplicateResourceNames(files), ...renameConflicts(files)]),
    ...namespaces.flatMap((namespace) => duplicateNames(parsed.filter((p) => kindOf(p).namespace === namespace))),
    ...contactListReferences(
      parsed.filter((p) => p.contactListRefs !== undefined),
      parsed.filter((p) => p.kind === "contactList"),
    ),
  ];
}

function duplicateResourceNames(parsed: readonly ParsedFile[]): Problem[] {
  const first = new Map<string, ParsedFile>();
  const problems: Problem[] = [];
  for (const p of parsed.filter((f) => f.resourceName !== "")) {
    const key = p.resourceName.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else {
      const message = `the resource name ${JSON.stringify(p.resourceName)} is also the name of ${earlier.file} (file names must differ by more than case or .yaml/.yml)`;
      problems.push({ file: p.file, message, code: "duplicate_file" });
    }
  }
  return problems;
}

/** Names compared as Kore compares them (trimmed, ignoring case), across the files of one namespace, in listing order. */
function duplicateNames(parsed: readonly ParsedFile[]): Problem[] {
  const first = new Map<string, ParsedFile>();
  const problems: Problem[] = [];
  for (const p of parsed) {
    if (p.koreName === undefined) continue;
    const key = NameView.key(p.koreName);
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else problems.push({ file: p.file, line: p.lineOf("name"), path: "name", message: duplicateNameMessage(p, earlier), code: "duplicate_name" });
  }
  return problems;
}

function duplicateNameMessage(p: ParsedFile, earlier: ParsedFile): string {
  const [kind, earlierKind] = [fileKind(p.kind), fileKind(earlier.kind)];
  const noun = kind === earlierKind ? kind.noun : earlierKind.distinctNoun; // "the voice campaign in ..." beside an SMS file
  const note = kind.namespaceNote ?? earlierKind.namespaceNote ?? "";
  return `${JSON.stringify(p.koreName)} is also the name of the ${noun} in ${where(earlier, "name")} (Kore.ai ${kind.namespace} names are unique, ignoring case${note})`;
}

function renameConflicts(parsed: readonly ParsedFile[]): Problem[] {
  const current = new Map(parsed.map((p) => [p.resourceName.toLowerCase(), p]));
  const claimedBy = new Map<string, { file: ParsedFile; at: string }>();
  const problems: Problem[] = [];
  for (const p of parsed) {
    p.renamedFrom?.forEach((old, index) => {
      const at = `renamedFrom[${index}]`;
      const key = old.toLowerCase();
      const holder = current.get(key);
      const claim = claimedBy.get(key);
      let message: string | undefined;
      if (holder === p) message = `${JSON.stringify(old)} is this file's own name`;
      else if (holder) message = `${JSON.stringify(old)} is still the name of ${holder.file}; list an old name only once that file is renamed or removed`;
      else if (claim) message = `${JSON.stringify(old)} is also listed at ${where(claim.file, claim.at)}; only one file can take over ${withArticle(fileKind(p.kind).noun)}`;
      else claimedBy.set(key, { file: p, at });
      if (message) problems.push({ file: p.file, line: p.lineOf(at), path: at, message, code: "rename" });
    });
  }
  return problems;
}

/**
 * Each contactLists entry (of the kinds that name lists: voice and SMS campaigns) must be a list some file declares (managed, or `external: true`).
 * Exactly, case included, as the provider checks before the POST: a name that differs only in case from
 * a declared list is an error (it would fail at apply). A name no file declares is a warning: the list
 * may exist in Kore.ai outside the stack, which only the provider can see (it checks the app before the
 * POST); `validate --strict` and the program's `strictReferences` make it an error.
 */
function contactListReferences(naming: readonly ParsedFile[], lists: readonly ParsedFile[]): Problem[] {
  const declared = new Map<string, ParsedFile>();
  const byKey = new Map<string, ParsedFile>();
  for (const list of lists) {
    if (list.koreName === undefined) continue;
    if (!declared.has(list.koreName)) declared.set(list.koreName, list);
    if (!byKey.has(NameView.key(list.koreName))) byKey.set(NameView.key(list.koreName), list);
  }
  const names = [...declared.keys()];
  const problems: Problem[] = [];
  for (const campaign of naming) {
    const reported = new Set<string>(); // a name listed twice is reported once (the repeat is an error of its own)
    for (const { index, name } of campaign.contactListRefs ?? []) {
      if (declared.has(name) || reported.has(name)) continue;
      reported.add(name);
      const at = `contactLists[${index}]`;
      const base = { file: campaign.file, line: campaign.lineOf(at), path: at };
      const sameButCase = byKey.get(NameView.key(name));
      if (sameButCase) {
        const message = `${JSON.stringify(name)} differs only in case from the contact list ${JSON.stringify(sameButCase.koreName)} declared in ${where(sameButCase, "name")}; Kore.ai matches list names exactly: write ${JSON.stringify(sameButCase.koreName)}`;
        problems.push({ ...base, message, code: "reference_case" });
        continue;
      }
      const close = closestKeys(name, names);
      const hint = close.length > 0 ? ` (did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?)` : "";
      const message =
        `names the contact list ${JSON.stringify(name)}, which no file in ${CONTACT_LISTS_FOLDER}/ declares${hint}. ` +
        `If it exists in Kore.ai outside this stack, declare it there in a file with its name and external: true`;
      problems.push({ ...base, severity: "warning", message, code: "undeclared_reference" });
    }
  }
  return problems;
}
