/**
 * The reference pages of docs/ are generated from the code (scripts/gen-docs.ts): this fails, naming the page and
 * its first differing line, when a committed page is not what the code generates now. `npm run docs`
 * (UPDATE_DOCS=1) rewrites them, keeping each page's hand-written part.
 */
import * as fs from "fs";
import * as path from "path";
import { HAND_WRITTEN_BEGIN, HAND_WRITTEN_END, firstDifference, generatedPages, handWrittenPart, readCommittedFrom } from "../../scripts/gen-docs";

const ROOT = path.resolve(__dirname, "../..");
const committed = readCommittedFrom(ROOT);
const pages = generatedPages(committed);

describe("generated docs pages", () => {
  test("the generated pages are the registry's reference pages", () => {
    expect(pages.map((p) => p.file)).toEqual(["docs/installation-configuration.md", "docs/resources/voice-campaign.md", "docs/resources/sms-campaign.md", "docs/resources/contact-list.md"]);
  });

  test.each(pages.map((p) => [p.file, p.text]))("%s is current (npm run docs rewrites it)", (file, text) => {
    if (process.env.UPDATE_DOCS === "1") {
      fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
      fs.writeFileSync(path.join(ROOT, file), text);
    }
    const now = committed(file);
    if (now === undefined) throw new Error(`${file} does not exist: run npm run docs`);
    const difference = firstDifference(text, now);
    if (difference) {
      throw new Error(
        `${file} is not current (npm run docs rewrites it): line ${difference.line} is ${JSON.stringify(difference.actual)}, ` +
          `the code makes ${JSON.stringify(difference.expected)}`,
      );
    }
  });

  test("every committed page keeps a hand-written part (the lifecycle in words, set-up), with words in it", () => {
    for (const p of pages) {
      const part = handWrittenPart(committed(p.file));
      expect(part).toBeDefined();
      expect(part!.join("\n").length).toBeGreaterThan(500);
    }
  });
});

describe("what the pages say", () => {
  const text = (file: string) => pages.find((p) => p.file === file)!.text;

  test("installation-configuration names every config key and environment variable the provider reads", () => {
    const page = text("docs/installation-configuration.md");
    // written out by hand from the settings the provider documents (not read from the code under test)
    const keys = [
      ["kore:host", "KORE_HOST"],
      ["kore:appId", "KORE_APP_ID"],
      ["kore:accountId", "KORE_ACCOUNT_ID"],
      ["kore:clientId", "KORE_CLIENT_ID"],
      ["kore:clientSecret", "KORE_CLIENT_SECRET"],
      ["kore:jwt", "KORE_JWT"],
      ["kore:readyTimeoutSeconds", "KORE_READY_TIMEOUT_SECONDS"],
      ["kore:triggerSettleSeconds", "KORE_TRIGGER_SETTLE_SECONDS"],
      ["kore:requestDeadlineSeconds", "KORE_REQUEST_DEADLINE_SECONDS"],
      ["kore:maxConcurrency", "KORE_MAX_CONCURRENCY"],
      ["kore:maxRequestsPerSecond", "KORE_MAX_REQUESTS_PER_SECOND"],
      ["kore:restartStoppedCampaigns", "KORE_RESTART_STOPPED_CAMPAIGNS"],
    ];
    for (const [key, env] of keys) expect(page).toMatch(new RegExp(`^\\| \`${key}\` \\| \`${env}\` \\|`, "m"));
    expect(page).toContain("`kore:connections.NAME.FIELD`");
    expect(page).toMatch(/^\| `NO_KORE_CALLS` \|/m);
    // defaults as the settings section has always stated them
    expect(page).toMatch(/^\| `kore:readyTimeoutSeconds` .*\| 120 \| seconds, 1 to 86400 \|/m);
    expect(page).toMatch(/^\| `kore:triggerSettleSeconds` .*\| 2 \| seconds, 0 to 86400 \|/m);
    expect(page).toMatch(/^\| `kore:maxConcurrency` .*\| 8 \|/m);
    expect(page).toMatch(/^\| `kore:maxRequestsPerSecond` .*\| 10 \|/m);
    expect(page).toMatch(/^\| `kore:clientSecret` \| `KORE_CLIENT_SECRET` \| `clientSecret` \(secret\) \|/m);
  });

  test("voice-campaign lists nested inputs with their rules, and the outputs", () => {
    const page = text("docs/resources/voice-campaign.md");
    expect(page).toMatch(/^\| `name` \| string \| yes \| {2}\| length 1 to 48\. /m);
    expect(page).toMatch(/^\| `dialingStrategy\.maxRingTime` \| integer \| yes \| {2}\| 5 to 120\. /m);
    expect(page).toMatch(/^\| `dialingStrategy\.callingHours\.days\[\]\.start` \| string \| yes \|/m);
    expect(page).toMatch(/^\| `dialingMode` \| `"Progressive"`, `"Preview"`, `"Agentless"` \| yes \|/m);
    expect(page).toMatch(/^\| `started` \| boolean \| no \| `false` \|/m);
    expect(page).toMatch(/^\| `schedule\.repeat\.every` \| integer \| yes \| {2}\| at least 1\. /m);
    for (const output of ["id", "status", "lname", "campaignInstanceId", "experienceFlowId", "createdAt", "updatedAt", "target", "pendingChanges", "stoppedOutsideGit"]) {
      expect(page).toMatch(new RegExp(`^\\| \`${output}\` \\|`, "m"));
    }
    expect(page).not.toMatch(/^\| `clientSecret`/m);
  });

  test("contact-list lists its inputs, the external form, and its outputs", () => {
    const page = text("docs/resources/contact-list.md");
    for (const input of ["name", "description", "allowDuplicates", "adoptExisting", "allowReplacement", "external", "connection"]) {
      expect(page).toMatch(new RegExp(`^\\| \`${input}\` \\|`, "m"));
    }
    for (const output of ["status", "totalRecordCount", "campaignInUse", "isListInUse", "source", "createdAt", "updatedAt", "target"]) {
      expect(page).toMatch(new RegExp(`^\\| \`${output}\` \\|`, "m"));
    }
  });
});

describe("the generator's helpers", () => {
  test("firstDifference names the first differing line, 1-based, and the end of a shorter text", () => {
    expect(firstDifference("a\nb\nc", "a\nb\nc")).toBeUndefined();
    expect(firstDifference("a\nb\nc", "a\nB\nc")).toEqual({ line: 2, expected: "b", actual: "B" });
    expect(firstDifference("a\nb", "a")).toEqual({ line: 2, expected: "b", actual: "(end of page)" });
  });

  test("a page's hand-written part is kept as committed, and the generated part around it is replaced", () => {
    const stale = ["# old title", HAND_WRITTEN_BEGIN, "My own words about the lifecycle.", HAND_WRITTEN_END, "| `stale` | row |", ""].join("\n");
    const [page] = generatedPages((file) => (file === "docs/resources/voice-campaign.md" ? stale : undefined)).filter((p) => p.file === "docs/resources/voice-campaign.md");
    expect(handWrittenPart(page.text)).toEqual(["My own words about the lifecycle."]);
    expect(page.text).not.toContain("# old title");
    expect(page.text).not.toContain("| `stale` | row |");
    expect(page.text).toContain("# VoiceCampaign");
  });

  test("a page without markers gets the default part (a new page)", () => {
    const [page] = generatedPages(() => undefined);
    expect(page.text).toContain(HAND_WRITTEN_BEGIN);
    expect(page.text).toContain("(Installation, credentials and the program's own settings: written by hand.)");
  });
});
