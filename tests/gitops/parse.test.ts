/**
 * provider/gitops/parse.ts: one definition file's text -> a parsed file. Its two readings must agree: wherever the
 * quick one (js-yaml behind fast-yaml.ts) answers, the full one (the `yaml` package's document) gives the same
 * parsed file: the same definition, names, references and renames, and the same line for every field. The quick
 * reading is kept for speed only (bench/README.md, validate), so this is the proof that keeping it changes
 * nothing a person or the program sees.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { parseDefinitionFile, type DefinitionKind, type ParsedFile } from "../../provider/gitops";
import { readFully, readQuickly } from "../../provider/gitops/parse";
import { DECLARED_SAMPLE_LIST, agentless, preview, progressive, smsAdvanced, smsSimple, smsTemplate } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");

/** Every property path of a value, as the problems write them ("dialingStrategy.callingHours.days[2].start"), the root ("") first. */
function pathsOf(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, `${at}[${i}]`))];
  if (value && typeof value === "object") return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, at === "" ? k : `${at}.${k}`))];
  return [at];
}

/** What a parsed file says, the line of each given path included (lineOf is a function: compared by its answers). */
function seen(parsed: ParsedFile, paths: readonly string[]) {
  const { lineOf, ...rest } = parsed;
  return { ...rest, lines: paths.map((p) => [p, lineOf(p)]) };
}

/** The quick reading's answer, if any, and the full reading's, compared; counts how often the quick one answered. */
function agree(file: string, text: string, kind: DefinitionKind, count: { quick: number }): void {
  const quick = readQuickly(file, text, kind);
  if (quick === undefined) return;
  count.quick++;
  const paths = [...pathsOf(parse(text.replace(/^\uFEFF/, ""))), "missing.field", "contactLists[9]"];
  const full = readFully(file, text, kind);
  expect(seen(quick, paths)).toEqual(seen(full, paths));
  expect(full.problems).toEqual([]);
}

const campaign = fc.record({
  base: fc.constantFrom(progressive(), preview(), agentless()),
  name: fc.oneof(
    fc.constantFrom("Billing Reminder", "Q3: win-back", "#1 list", "it's here", '"quoted"', "  padded  ", "yes", "null", "3", "Ünïcödé ☎", "a - b", "[x]"),
    fc.string({ minLength: 1, maxLength: 48 }),
  ),
  lists: fc.array(fc.constantFrom("Recent Buyers - Q2 2025", "July: renewals", "Q3", "# not a comment", "x, y"), { minLength: 1, maxLength: 3 }),
  renamedFrom: fc.option(fc.array(fc.constantFrom("old-name", "billing.v1", "A_2", "x.yaml"), { maxLength: 2 }), { nil: undefined }),
});

interface Layout {
  defaultStringType: "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";
  collectionStyle: "any" | "block" | "flow";
  indent: number;
  indentSeq: boolean;
  comments: boolean;
  crlf: boolean;
  bom: boolean;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  defaultStringType: fc.constantFrom("PLAIN" as const, "QUOTE_DOUBLE" as const, "QUOTE_SINGLE" as const),
  collectionStyle: fc.constantFrom("any" as const, "block" as const, "flow" as const),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
});

/** A definition written as a person or a tool might: any quoting, block or flow, comments, CRLF, a BOM. */
function written(definition: Record<string, unknown>, { defaultStringType, collectionStyle, indent, indentSeq, comments, crlf, bom }: Layout): string {
  let text = stringify(definition, { defaultStringType, defaultKeyType: "PLAIN", collectionStyle, indent, indentSeq, lineWidth: 0 });
  if (comments) text = text.split("\n").map((line, i) => (i % 3 === 0 && /^\S/.test(line) ? `# note ${i}\n${line}` : line)).join("\n");
  if (crlf) text = text.replace(/\n/g, "\r\n");
  return bom ? `\uFEFF${text}` : text;
}

describe("the quick and the full reading agree", () => {
  test("generated campaign files in every layout: the same parsed file and the same line for every field", () => {
    const count = { quick: 0 };
    fc.assert(
      fc.property(campaign, layout, ({ base, name, lists, renamedFrom }, l) => {
        const definition = { ...base, name, contactLists: lists, ...(renamedFrom ? { renamedFrom } : {}) };
        agree("campaigns/generated.yaml", written(definition, l), "campaign", count);
      }),
      { numRuns: 250 },
    );
    expect(count.quick).toBeGreaterThan(60); // not vacuous: many generated files take the quick path
  });

  test("generated SMS campaign files (the pages' three samples) in every layout", () => {
    const count = { quick: 0 };
    const sms = fc.record({
      base: fc.constantFrom(smsSimple(), smsTemplate(), smsAdvanced()),
      name: campaign.map((c) => c.name),
      text: fc.oneof(fc.constantFrom("Hi, This is just reminder for upcoming event", "Reply STOP: to opt out", "50% off # today", "yes"), fc.string({ minLength: 1, maxLength: 80 })),
      renamedFrom: fc.option(fc.array(fc.constantFrom("old-name", "reminder.v1"), { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(sms, layout, ({ base, name, text, renamedFrom }, l) => {
        const message = base.message?.text === undefined ? base.message : { text };
        const definition = { ...base, name, ...(message ? { message } : {}), ...(renamedFrom ? { renamedFrom } : {}) };
        agree("sms-campaigns/generated.yaml", written(definition, l), "smsCampaign", count);
      }),
      { numRuns: 200 },
    );
    expect(count.quick).toBeGreaterThan(50);
  });

  test("generated contact-list files, managed and external", () => {
    const count = { quick: 0 };
    const list = fc.record({
      name: fc.oneof(fc.constantFrom("Recent Buyers - Q2 2025", "July: renewals", "x, y", "true"), fc.string({ minLength: 1, maxLength: 40 })),
      description: fc.string({ minLength: 1, maxLength: 60 }),
      external: fc.boolean(),
      allowDuplicates: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(list, layout, ({ name, description, external, allowDuplicates }, l) => {
        const definition = external
          ? { name, external: true }
          : { name, description, ...(allowDuplicates === undefined ? {} : { allowDuplicates }) };
        agree("contact-lists/generated.yaml", written(definition, l), "contactList", count);
      }),
      { numRuns: 150 },
    );
    expect(count.quick).toBeGreaterThan(60);
  });

  // the characters YAML treats specially, line breaks of every kind, markers, anchors and tags among them
  const piece = fc.constantFrom(": ", " ", "\n", "\r\n", "- ", "'", '"', "#", " # c", "yes", "1", "[", "]", "{", "}", ", ", "\u0085", "\u2028", "\\", "%YAML 1.1\n---\n", "\t", "? ", "~", "null", "&a ", "*a", "!!str ", "0x1", "1e3", ".5", "|", ">", "...\n", "---\n", "  ");

  test("the repository's files with YAML's special characters inserted anywhere", () => {
    const kinds: Record<string, DefinitionKind> = { campaigns: "campaign", "sms-campaigns": "smsCampaign", "contact-lists": "contactList" };
    const files = Object.entries(kinds).flatMap(([folder, kind]) =>
      fs.readdirSync(path.join(ROOT, folder)).map((name) => ({ file: `${folder}/${name}`, kind, text: fs.readFileSync(path.join(ROOT, folder, name), "utf8") })),
    );
    const count = { quick: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 3 }), ({ file, kind, text }, inserts) => {
        let mutated = text;
        for (const [at, p] of inserts) mutated = mutated.slice(0, at % (mutated.length + 1)) + p + mutated.slice(at % (mutated.length + 1));
        agree(file, mutated, kind, count);
      }),
      { numRuns: 400 },
    );
    expect(count.quick).toBeGreaterThan(40); // some insertions (a space, a comment) leave the file valid and plain
  });

  test("a flow mapping continued on a line less indented than its block is a YAML error, as the full reading says", () => {
    // the counterexample the insertion test found: js-yaml read it, the yaml package (YAML 1.2) does not
    const text = fs.readFileSync(path.join(ROOT, "campaigns", "billing-reminders.yaml"), "utf8").replace('      - { day: MO, start: "9:00 AM", end: "6:00 PM" }', '      - {\n day: MO, start: "9:00 AM", end: "6:00 PM" }');
    expect(readQuickly("campaigns/billing-reminders.yaml", text, "campaign")).toBeUndefined();
    const parsed = parseDefinitionFile("campaigns/billing-reminders.yaml", text);
    expect(parsed.definition).toBeUndefined();
    expect(parsed.problems[0]).toMatchObject({ code: "yaml", line: 26, message: expect.stringMatching(/^invalid YAML: Flow map in block collection must be sufficiently indented/) });
  });

  test("parseDefinitionFile is the quick reading when it answers, else the full one", () => {
    const text = DECLARED_SAMPLE_LIST;
    const viaEntry = parseDefinitionFile("contact-lists/buyers.yaml", text, "contactList");
    expect(viaEntry.contactList).toEqual({ file: "contact-lists/buyers.yaml", resourceName: "buyers", renamedFrom: [], name: "Recent Buyers - Q2 2025", external: true });
    // a file name that is no resource name is never read quickly: only the full reading reports it
    expect(readQuickly("contact-lists/bad name.yaml", text, "contactList")).toBeUndefined();
    expect(parseDefinitionFile("contact-lists/bad name.yaml", text, "contactList").problems.map((p) => p.code)).toEqual(["file_name"]);
  });
});
