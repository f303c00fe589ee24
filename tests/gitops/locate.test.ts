/**
 * provider/gitops/locate.ts: a property path -> its line in the YAML text (keys for mapping entries, the
 * entry for list items, the nearest existing parent for what is missing). Expected lines are read off the text.
 */
import { LineCounter, parseDocument } from "yaml";
import { locate, parsePath } from "../../provider/gitops";
import { formatPath } from "../../provider/resources/campaign/schema";
import { lineOf } from "./helpers";

const TEXT = `# a comment line
name: Renewals
dialingStrategy:
  callerId:
    phoneNumber: "+15101234567"
  callingHours:
    days:
      - day: MO
        start: 9:00 AM
      - { day: TU, start: "9:00 AM", end: "6:00 PM" }
defaults: &window
  day: WE
alias: *window
`;

function lineAt(path: string, text = TEXT): number | undefined {
  const lineCounter = new LineCounter();
  return locate(parseDocument(text, { lineCounter }), lineCounter, path)?.line;
}

test("parsePath inverts formatPath", () => {
  for (const segments of [["dialingStrategy", "callingHours", "days", 2, "start"], ["odd key", 0], []]) {
    expect(parsePath(formatPath(segments))).toEqual(segments);
  }
});

test.each([
  ["name", /^name:/],
  ["dialingStrategy.callerId.phoneNumber", /phoneNumber:/],
  ["dialingStrategy.callingHours.days[0]", /- day: MO/],
  ["dialingStrategy.callingHours.days[0].start", /start: 9:00 AM/],
  ["dialingStrategy.callingHours.days[1].end", /day: TU/],
  ["alias.day", /^ {2}day: WE/],
])("%s is found on its own line", (path, pattern) => {
  expect(lineAt(path)).toBe(lineOf(TEXT, pattern));
});

test.each([
  ["dialingStrategy.maxRingTime", /^dialingStrategy:/],
  ["dialingStrategy.callingHours.days[0].end", /- day: MO/],
  ["dialingStrategy.callingHours.days[5].day", /^ {4}days:/],
  ["description", /^name:/],
  ["", /^name:/],
])("missing %s: the nearest existing parent", (path, pattern) => {
  expect(lineAt(path)).toBe(lineOf(TEXT, pattern));
});

test("an empty document has no lines", () => {
  expect(lineAt("name", "")).toBeUndefined();
});
