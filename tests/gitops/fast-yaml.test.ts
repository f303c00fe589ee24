/**
 * provider/gitops/fast-yaml.ts, the quick reading of definition files: wherever it gives a value, the value is
 * the `yaml` package's (the full reading's); everything it cannot read exactly that way it leaves to the full
 * reading. And loadDefinitions gives the same result through either.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { LineCounter, parse, parseDocument, stringify } from "yaml";
import { quickListItemLine, quickMapping } from "../../provider/gitops/fast-yaml";
import { loadDefinitions } from "../../provider/gitops";

const ROOT = path.resolve(__dirname, "..", "..");

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
};

describe("quickMapping", () => {
  test("plain scalars resolve exactly as the yaml package's YAML 1.2 core schema", () => {
    const scalars = [
      "3", "-12", "+12", "010", "0o17", "0o8", "0x1F", "0X1F", "0b101", "1_000", "1.5", ".5", "1.", "1e3", "-.5e-3", ".inf", "-.Inf",
      "+.INF", ".nan", ".NaN", "~", "null", "Null", "NULL", "", "true", "True", "TRUE", "false", "FALSE", "yes", "no", "on", "off", "y",
      "2025-01-01", "2025-01-01T10:00:00Z", "09:00", "9:00 AM", "12:30:00", "1:2", "+1812345678", "Asia/Kolkata", "0.0", "-0", "1e", "e3",
    ]; // prettier-ignore
    for (const s of scalars) {
      const text = `a: ${s}\nb: [${s}]\n`;
      const quick = quickMapping(text);
      expect({ s, quick: quick && same(quick, parse(text)) }).toEqual({ s, quick: true });
    }
  });

  test("leaves to the full reading what it cannot read the same way, or what is an error", () => {
    for (const text of [
      "a: &x 1\nb: *x\n", // anchors and aliases (the alias-expansion guard lives in the full reading)
      "a: !!str 3\n", // tags
      "a: 1\na: 2\n", // duplicate keys
      "a: 1\n---\nb: 2\n", // two documents
      "- a\n- b\n", // not a mapping
      "just text\n",
      "",
      "a: [1, 2\n", // a syntax error
      "a:\n\t- b\n",
    ]) {
      expect(quickMapping(text)).toBeUndefined();
    }
  });

  test("any mapping written by the yaml package reads back the same", () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.string({ minLength: 1 }), tie("node"), { maxKeys: 4 })),
    })).node;
    let read = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), value, { minKeys: 1, maxKeys: 6 }), (object) => {
        const text = stringify(object);
        const quick = quickMapping(text);
        if (quick !== undefined) read++;
        return quick === undefined || same(quick, parse(text));
      }),
      { numRuns: 300 },
    );
    expect(read).toBeGreaterThan(150); // most of them did take the quick path
  });

  test("the repository's definition files all take the quick path, with the same content", () => {
    for (const folder of ["campaigns", "contact-lists"]) {
      for (const name of fs.readdirSync(path.join(ROOT, folder))) {
        const text = fs.readFileSync(path.join(ROOT, folder, name), "utf8");
        expect({ name, same: same(quickMapping(text), parse(text)) }).toEqual({ name, same: true });
      }
    }
  });
});

describe("loadDefinitions through the quick path", () => {
  test("the same definitions and lines as the full reading (forced by an anchor)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-quick-"));
    try {
      const quickDir = path.join(dir, "quick", "campaigns");
      const fullDir = path.join(dir, "full", "campaigns");
      fs.mkdirSync(quickDir, { recursive: true });
      fs.mkdirSync(fullDir, { recursive: true });
      for (const name of fs.readdirSync(path.join(ROOT, "campaigns"))) {
        const text = fs.readFileSync(path.join(ROOT, "campaigns", name), "utf8");
        fs.writeFileSync(path.join(quickDir, name), text);
        // an unused anchor changes nothing in the content but sends the file down the full reading
        fs.writeFileSync(path.join(fullDir, name), text.replace(/^priority:/m, "priority: &p"));
      }
      const quick = loadDefinitions([quickDir]);
      const full = loadDefinitions([fullDir]);
      const strip = (r: typeof quick) => ({
        definitions: r.definitions.map((d) => ({ ...d, file: path.basename(d.file) })),
        problems: r.problems,
        warnings: r.warnings.map((w) => ({ ...w, file: path.basename(w.file) })),
      });
      expect(quick.definitions.length).toBeGreaterThan(0);
      // no contact-lists folder: every campaign's list is an undeclared reference, a warning with its line
      expect(quick.warnings.length).toBe(quick.definitions.length);
      expect(quick.warnings.every((w) => typeof w.line === "number")).toBe(true);
      expect(strip(quick)).toEqual(strip(full));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the two readers agree (issue 22, item 10)", () => {
  // A small alphabet of the characters YAML treats specially, line breaks of every kind included.
  const piece = fc.constantFrom("a", "b", "name", ":", ": ", " ", "  ", "\n", "\r", "\r\n", "- ", "'", '"', "#", "yes", "1", "[", "]", "{", "}", ", ", "\u0085", "\u2028", "\\", "%YAML 1.1\n---\n", "%TAG ! tag:x,2000:\n---\n", "\t", "?", "~", "null", "&", "*", "!", "0x1", "1e3", ".5", "-", "|", ">", "...", "---");

  test("wherever the quick reader gives a value, the yaml package reads the same text the same way, without an error", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join("");
        const quick = quickMapping(text);
        if (quick === undefined) return true;
        const doc = parseDocument(text, { uniqueKeys: true });
        return doc.errors.length === 0 && same(quick, doc.toJS());
      }),
      { numRuns: 3000 },
    );
  });

  test("keys, markers and indentation the two readers read otherwise are left to the yaml package (found by the fuzz test)", () => {
    // js-yaml reads each of these otherwise than the yaml package: an empty, ~ or null key ("null" vs ""), a
    // complex or flow-collection key, "---x" (a document marker vs text), a flow mapping as the file, a tab indent
    for (const text of ["{: }", ": a\n", "null: a\n", "~: a\n", "x:\n  - ~: a\n", "? a\n: b\n", "[a]: b\n", "{a: b}: c\n", "---?\n", "---name: x\n", "...\n", "{b: c}\n", "a:\n\tb: c\n"]) {
      expect([text, quickMapping(text)]).toEqual([text, undefined]);
    }
    // the plain shapes of a definition still take the quick path
    expect(quickMapping("name: X\ncallingHours:\n  - days: [MO, TU]\n    start: '09:00'\n")).toEqual({ name: "X", callingHours: [{ days: ["MO", "TU"], start: "09:00" }] });
  });

  test("a flow collection or quoted scalar left open at a line's end is left to the yaml package (found by tests/gitops/parse.test.ts)", () => {
    // js-yaml reads the next line at any indentation; the yaml package refuses one not indented past its block
    const text = "days:\n  - {\n day: MO }\n";
    expect(parseDocument(text).errors.length).toBeGreaterThan(0);
    for (const open of [text, "a: [x,\n  y]\n", 'a: "x\n  y"\n', "a: 'it''s\n  y'\n", "a: [\"]\", x\n  ]\n", "a: {b: [c}\n"]) {
      expect([open, quickMapping(open)]).toEqual([open, undefined]);
    }
    // closed on their lines, with quotes and brackets inside text, they still take the quick path
    expect(quickMapping("a: [x, \"]\"]\nb: { c: 'it''s' }\nname: it's [fine]\n")).toEqual({ a: ["x", "]"], b: { c: "it's" }, name: "it's [fine]" });
  });

  test("a bare CR is no line break for either reader: the quick one leaves the file to the full one", () => {
    expect(quickMapping("name: X\rstarted: true\n")).toBeUndefined();
    expect(quickMapping('name: "X\ry"\n')).toBeUndefined();
  });

  test("%YAML 1.1: yes is what the yaml package says (true), through either path", () => {
    const text = "%YAML 1.1\n---\na: yes\n";
    expect(parse(text)).toEqual({ a: true });
    const quick = quickMapping(text);
    expect(quick === undefined || same(quick, { a: true })).toBe(true);
  });
});

describe("quickListItemLine (an undeclared list's line without the yaml document)", () => {
  const FILE = [
    "# a comment", //                       1
    "name: Renewals", //                    2
    "contactLists:", //                     3
    "  # the lists it dials", //            4
    "  - July Renewals", //                 5
    "", //                                  6
    '  - "Win-back: Q3"   # quoted', //     7
    "priority: 5", //                       8
  ].join("\n");
  const VALUES = ["July Renewals", "Win-back: Q3"];

  test("a block sequence: each item's own line, past comments and blank lines", () => {
    expect(quickListItemLine(FILE, "contactLists", 0, VALUES)).toBe(5);
    expect(quickListItemLine(FILE, "contactLists", 1, VALUES)).toBe(7);
  });

  test("a one-line flow sequence, and a block sequence at the key's own indent", () => {
    expect(quickListItemLine("name: A\ncontactLists: [July Renewals, 'Q3 list']\n", "contactLists", 1, ["July Renewals", "Q3 list"])).toBe(2);
    expect(quickListItemLine("name: A\r\ncontactLists:\r\n- July\r\n- Q3\r\npriority: 5\r\n", "contactLists", 1, ["July", "Q3"])).toBe(4);
  });

  test("anything it cannot read as the values say is left to the yaml document", () => {
    const no = (source: string, values: unknown[] = ["July"]) => quickListItemLine(source, "contactLists", 0, values);
    expect(no("contactLists:\n  - July\n  - Q3\n")).toBeUndefined(); // two items seen, one value
    expect(no("contactLists:\n  - Juli\n")).toBeUndefined(); // not the value the reading gave
    expect(no("contactLists:\n  -\n    July\n")).toBeUndefined(); // the item starts on the next line
    expect(no("contactLists:\n  - July\n    Renewals\n", ["July Renewals"])).toBeUndefined(); // a continued scalar
    expect(no('contactLists:\n  - "Ju\\u006cy"\n')).toBeUndefined(); // an escape
    expect(no("contactLists: [July,\n  Q3]\n", ["July", "Q3"])).toBeUndefined(); // a flow sequence over lines
    expect(no("contactLists:\n  - July\ncontactLists:\n  - July\n")).toBeUndefined(); // the key twice
    expect(no("contactLists:\n\t- July\n")).toBeUndefined(); // a tab
    expect(no("contactLists:\n  - 5\n", [5])).toBeUndefined(); // not text
  });

  test("wherever it gives a line, it is the line of the yaml package's node", () => {
    const item = fc.oneof(
      fc.constantFrom("July Renewals", "Q3", "a-b c", "x: y", "#tag", "it's"),
      fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/[\n\r\t]/.test(s)),
    );
    let given = 0;
    const layout = fc.record({
      items: fc.array(item, { minLength: 1, maxLength: 4 }),
      flow: fc.boolean(),
      indent: fc.constantFrom("", "  ", "    "),
      quote: fc.constantFrom("", '"', "'"),
      comment: fc.boolean(),
      blankBefore: fc.boolean(),
    });
    fc.assert(
      fc.property(layout, ({ items, flow, indent, quote, comment, blankBefore }) => {
        const shown = items.map((s) => `${quote}${s}${quote}`);
        const body = flow
          ? `contactLists: [${shown.join(", ")}]${comment ? "  # c" : ""}\n`
          : `contactLists:\n${blankBefore ? "\n" : ""}${shown.map((s) => `${indent}- ${s}${comment ? "  # c" : ""}`).join("\n")}\n`;
        const source = `name: A\n${body}priority: 5\n`;
        let values: unknown;
        try {
          values = (parse(source) as { contactLists?: unknown })?.contactLists;
        } catch {
          return; // not YAML: the quick reading never takes it
        }
        if (!Array.isArray(values)) return;
        const doc = parseDocument(source);
        const counter = new LineCounter();
        parseDocument(source, { lineCounter: counter });
        for (let i = 0; i < values.length; i++) {
          const line = quickListItemLine(source, "contactLists", i, values);
          if (line === undefined) continue;
          given++;
          const node = doc.getIn(["contactLists", i], true) as { range?: [number, number, number] } | undefined;
          expect(node?.range).toBeDefined();
          expect(line).toBe(counter.linePos(node!.range![0]).line);
        }
      }),
      { numRuns: 400 },
    );
    expect(given).toBeGreaterThan(100); // not vacuous: most simple layouts get their line the quick way
  });
});
