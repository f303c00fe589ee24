/**
 * Property-based fuzzing of `validateCampaign` and of the `check` hook (fast-check).
 *
 * Valid specs are generated from the documented rules (modes and their fields, day codes in any case,
 * every accepted time spelling, non-overlapping windows in any order, ranges, E.164 numbers, time zones
 * in any case), then mutated: fields dropped, wrong types, out-of-range numbers, unknown keys (including
 * `__proto__` and `constructor` as own keys), nulls, deep garbage, and the preview-unknown sentinel.
 *
 * Properties: never throws; every failure names a path that exists in the input (or is a missing child of
 * an object in it) and a message that starts with that path; valid specs pass and normalizing twice gives
 * the same value; values unknown during preview never fail; `check` never throws and calls no API (the
 * emulator it is pointed at sees no request).
 */
import { inspect, isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import * as hooks from "../../provider/pulumi/campaign-hooks";
import { validateCampaign, type ValidationFailure } from "../../provider/resources/campaign/schema";
import { DAY_CODES } from "../../provider/resources/campaign/vocabulary";
import { withoutUndefined } from "../../provider/shared/properties";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Valid specs, from the documented rules
// ---------------------------------------------------------------------------------------------

const WHITESPACE = fc.constantFrom("", "", " ", "  ", "\t", "\n ", "\u00a0");

/** Text whose trimmed length is 1..max, maybe padded with whitespace (trimmed away by normalization). */
function textArb(max: number): fc.Arbitrary<string> {
  const core = fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: max }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: max }) },
    )
    .map((s) => s.slice(0, max))
    .filter((s) => s.trim().length >= 1);
  return fc.tuple(WHITESPACE, core, WHITESPACE).map(([a, s, b]) => a + s + b);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A time of day (minutes 0..1440, 1440 = midnight at the end of the day) in one of the accepted spellings. */
function spellTime(minutes: number, variant: number): string {
  const m = minutes % 1440;
  const h24 = Math.floor(m / 60);
  const min = m % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const ampm = h24 < 12 ? "AM" : "PM";
  const canonical = `${h12}:${pad(min)} ${ampm}`;
  switch (variant) {
    case 1:
      return `${pad(h12)}:${pad(min)} ${ampm.toLowerCase()}`;
    case 2:
      return `${h12}:${pad(min)}${ampm}`;
    case 3:
      return min === 0 ? `${h12} ${ampm.toLowerCase()}` : canonical;
    case 4:
      return min === 0 ? `${h12}${ampm.toLowerCase()}` : canonical;
    case 5:
      return `${h12}:${pad(min)} ${ampm[0].toLowerCase()}.m.`;
    case 6:
      return `${pad(h24)}:${pad(min)}`;
    case 7:
      return `${h24}:${pad(min)}`;
    case 8:
      return ` ${canonical} `;
    default:
      return canonical;
  }
}

const randomCase = (s: string) =>
  fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((flags) => [...s].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(""));

/** One day's windows: consecutive cut points in 0..1440, so they never overlap (they may touch). */
const dayWindows = fc
  .tuple(
    fc.constantFrom(...DAY_CODES).chain((d) => randomCase(d)),
    fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 2, maxLength: 5 }),
    fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 12, maxLength: 12 }),
  )
  .map(([day, cuts, keep, spellings]) => {
    const points = [...cuts].sort((a, b) => a - b);
    const windows: Json[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      if (i > 0 && !keep[i - 1]) continue;
      windows.push({ day, start: spellTime(points[i], spellings[2 * i]), end: spellTime(points[i + 1], spellings[2 * i + 1]) });
    }
    return windows;
  });

const days = fc
  .uniqueArray(dayWindows, { minLength: 1, maxLength: 7, selector: (w) => String(w[0].day).toUpperCase() })
  .map((perDay) => perDay.flat())
  .chain((all) => fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));

/** Intl's own list (ICU's canonical ids) and, from the IANA tz database's `backward` file and old POSIX-style
 * zones, names Intl accepts without listing them. */
const ZONES = Intl.supportedValuesOf("timeZone");
const LINKS = [
  "Asia/Kolkata", "Etc/UTC", "US/Pacific", "Europe/Kyiv", "Asia/Ho_Chi_Minh", "CET", "EST5EDT", "PST8PDT", "EST",
  "WET", "Japan", "Singapore", "Asia/Istanbul", "America/Montreal", "Etc/GMT0", "GMT-0", "UCT", "GB-Eire", "NZ-CHAT",
  "W-SU", "US/Indiana-Starke", "America/Argentina/ComodRivadavia", "Australia/LHI", "Mexico/BajaSur", "Asia/Ulan_Bator",
];
const timezone = fc.oneof(
  fc.constantFrom("Asia/Kolkata", "America/New_York", "UTC", "GMT", "Etc/GMT+5", "Etc/GMT-14", "US/Pacific", "Europe/Kyiv", "Asia/Ho_Chi_Minh"),
  fc.constantFrom(...ZONES, ...LINKS),
  fc.constantFrom(...ZONES, ...LINKS).chain(randomCase),
);

const phoneNumber = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 14 }))
  .map(([first, rest]) => `+${first}${rest}`);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** "YYYY-MM-DD HH:mm:ss" of an epoch second, written here (not by the code under test). */
const scheduleTime = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
/** No schedule in each accepted spelling, or a daily or weekly one (days in any order and case). */
const schedule = fc.oneof(
  fc.constantFrom({ isSchedulingEnabled: false }, { enabled: false }, { enabled: false, isSchedulingEnabled: false }, {}),
  fc
    .record({
      start: fc.integer({ min: Date.UTC(2027, 0, 1) / 1000, max: Date.UTC(2035, 0, 1) / 1000 }),
      length: fc.integer({ min: 1, max: 400 * 86400 }),
      every: fc.integer({ min: 1, max: 52 }),
      days: fc.option(fc.shuffledSubarray([...DAY_CODES], { minLength: 1 }).chain((d) => fc.tuple(...d.map(randomCase))), { nil: undefined }),
    })
    .map(({ start, length, every, days }) => ({
      enabled: true,
      start: scheduleTime(start),
      end: scheduleTime(start + length),
      repeat: days ? { every, unit: "week", days } : { every, unit: "day" },
    })),
);

const modeFields = fc.oneof(
  fc.record({ dialingMode: fc.constant("Progressive"), queueName: textArb(80) }),
  fc.record({ dialingMode: fc.constant("Preview"), queueName: textArb(80), maxSkips: fc.oneof(fc.nat(20), fc.nat()) }),
  fc.record({ dialingMode: fc.constant("Agentless"), experienceFlowName: textArb(80) }),
);

const validSpec: fc.Arbitrary<Json> = fc
  .record({
    name: textArb(48),
    description: fc.oneof({ weight: 4, arbitrary: textArb(40) }, { weight: 1, arbitrary: textArb(256) }),
    contactLists: fc.uniqueArray(textArb(60), { minLength: 1, maxLength: 4, selector: (s) => s.trim() }),
    priority: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom("1", "2", "3", "4", "5")),
    mode: modeFields,
    dialingStrategy: fc.record({
      callerId: fc.record({ phoneNumber }),
      callingHours: fc.record({ frequency: fc.constantFrom("WEEKLY", "DAILY", "CUSTOM"), timezone, days }),
      dialingOrder: fc.constantFrom("FIFO", "LIFO"),
      maxAttemptsPerRecord: fc.integer({ min: 1, max: 100 }),
      defaultRetryPeriod: fc.integer({ min: 1, max: 1440 }),
      maxRingTime: fc.integer({ min: 5, max: 120 }),
    }),
    schedule: optional(schedule),
    enableMachineDetect: optional(fc.boolean()),
    started: optional(fc.boolean()),
    adoptExisting: optional(fc.boolean()),
  })
  // with a schedule enabled, started may only be false or absent (the started rule)
  .map(({ mode, ...rest }) => withoutUndefined({ ...rest, ...mode, started: (rest.schedule as { enabled?: boolean } | undefined)?.enabled ? (rest.started && undefined) : rest.started }) as Json);

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, UNKNOWN, NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1e21, 2 ** 53, 4, 121, 1441, 101),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.string(),
  fc.constantFrom("", " ", "9", "25:00", "13:00 PM", "12:60 AM", "MO", "xx", "+", "+0123", "+1 510 123", "Asia/Kolkata", "+05:30", "1", "6", "Progressive", "fifo", "WEEKLY", "true"),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(UNKNOWN), fc.constant(null)), { maxLength: 4 }),
  fc.object({ maxDepth: 2, maxKeys: 4 }),
  fc.anything({
    maxDepth: 3,
    maxKeys: 4,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withObjectString: true,
  }),
);

const strangeKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("queue_name", "campaignType", "__proto__", "constructor", "toString", "hasOwnProperty", "", "a.b", "[0]", 'x"y', "0", "名前", "maxskips", "Name"),
);

type Mutation = { kind: "drop" | "set" | "addKey"; at: number; key: string; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("drop", "set", "set", "addKey"),
  at: fc.nat(),
  key: strangeKey,
  value: garbage,
});

/** Every node of a value (objects and arrays walked), as paths. */
function nodePaths(value: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  out.push(path);
  if (path.length > 6) return out;
  if (Array.isArray(value)) value.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (isPlainRecord(value)) for (const k of Object.keys(value)) nodePaths(value[k], [...path, k], out);
  return out;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function nodeAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) current = (current as Record<PropertyKey, unknown>)[segment];
  return current;
}

/** An own data property, even for "__proto__" (as JSON.parse would make it). */
function setOwn(target: object, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of plain data, in this realm (jest's sandbox: structuredClone would make objects of another realm). */
function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

/** Applies mutations to a deep copy of a valid spec. */
function mutate(spec: Json, mutations: Mutation[]): unknown {
  let root: unknown = clone(spec);
  for (const m of mutations) {
    const paths = nodePaths(root);
    const path = paths[m.at % paths.length];
    const node = nodeAt(root, path);
    if (path.length === 0) {
      if (m.kind === "set") root = m.value;
      else if (m.kind === "addKey" && isPlainRecord(root)) setOwn(root, m.key, m.value);
      continue;
    }
    const parent = nodeAt(root, path.slice(0, -1)) as Record<PropertyKey, unknown> | unknown[];
    const key = path[path.length - 1];
    if (m.kind === "drop") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.kind === "set") {
      setOwn(parent, key, m.value);
    } else if (isPlainRecord(node)) {
      setOwn(node, m.key, m.value);
    } else {
      setOwn(parent, key, m.value);
    }
  }
  return root;
}

const mutated = fc.tuple(validSpec, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([spec, ms]) => mutate(spec, ms));

/** A valid spec with the sentinel in place of 1..3 of its nodes (leaves, objects, arrays, or the whole). */
const validWithUnknowns = fc
  .tuple(validSpec, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }))
  .map(([spec, picks]) => mutate(spec, picks.map((at) => ({ kind: "set" as const, at, key: "", value: UNKNOWN }))));

const anyInput = fc.oneof(
  { weight: 2, arbitrary: validSpec as fc.Arbitrary<unknown> },
  { weight: 5, arbitrary: mutated },
  { weight: 2, arbitrary: validWithUnknowns },
  { weight: 1, arbitrary: garbage },
);

// ---------------------------------------------------------------------------------------------
// Helpers for the properties
// ---------------------------------------------------------------------------------------------

/** Inverse of schema.ts's formatPath: "a.b[2][\"x y\"]" -> ["a", "b", 2, "x y"]. Undefined if it does not parse. */
function parsePath(path: string): PropertyKey[] | undefined {
  const segments: PropertyKey[] = [];
  const re = /\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < path.length && (m = re.exec(path))) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(JSON.parse(m[3]) as string);
  }
  return re.lastIndex === path.length || path === "" ? segments : undefined;
}

const hasOwn = (o: unknown, k: PropertyKey) => typeof o === "object" && o !== null && Object.prototype.hasOwnProperty.call(o, k);

/** Why a failure's path does not fit the input, or undefined when it does. */
function pathProblem(input: unknown, f: ValidationFailure): string | undefined {
  if (!f.message.startsWith(`${f.path || "campaign"}: `)) return `message does not start with its path: ${f.message}`;
  if (f.path === "") return isPlainRecord(input) ? `an object input got a failure without a path: ${f.message}` : undefined;
  const segments = parsePath(f.path);
  if (!segments || segments.length === 0) return `unparseable path ${JSON.stringify(f.path)}`;
  let current = input;
  for (let i = 0; i < segments.length; i++) {
    if (typeof current !== "object" || current === null) return `path ${f.path}: ${String(segments[i - 1] ?? "the input")} is not an object`;
    if (!hasOwn(current, segments[i])) {
      return i === segments.length - 1 ? undefined : `path ${f.path}: ${String(segments[i])} is missing and is not the last segment`;
    }
    current = (current as Record<PropertyKey, unknown>)[segments[i]];
  }
  return undefined;
}

/** Whether the value at the path, or at one of its ancestors, is the sentinel. */
function atOrUnderUnknown(input: unknown, path: string): boolean {
  const segments = parsePath(path) ?? [];
  let current = input;
  if (current === UNKNOWN) return true;
  for (const s of segments) {
    if (!hasOwn(current, s)) return false;
    current = (current as Record<PropertyKey, unknown>)[s];
    if (current === UNKNOWN) return true;
  }
  return false;
}

/** Cheap assertions for the hot loops (jest's expect costs more than the code under test here). */
function ensure(condition: boolean, what: string | (() => string)): void {
  if (!condition) throw new Error(typeof what === "string" ? what : what());
}

function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${what}:\n${inspect(actual, { depth: 8 })}\n  expected\n${inspect(expected, { depth: 8 })}`);
}

// ---------------------------------------------------------------------------------------------
// Properties of validateCampaign
// ---------------------------------------------------------------------------------------------

describe("validateCampaign, fuzzed", () => {
  test("never throws; every failure names a path in the input and a message that starts with it", () => {
    fc.assert(
      fc.property(anyInput, fc.boolean(), (input, tolerant) => {
        const result = validateCampaign(input, tolerant ? { unknownValue: UNKNOWN } : {});
        if (result.ok) return;
        ensure(result.failures.length > 0, "a refusal without failures");
        for (const f of result.failures) {
          ensure(typeof f.rule === "string" && f.rule.length > 0, () => `a failure without a rule: ${inspect(f)}`);
          ensure(f.code !== "internal", () => `validateCampaign broke inside: ${f.message}`);
          const problem = pathProblem(input, f);
          if (problem) throw new Error(problem);
        }
      }),
      { numRuns: RUNS },
    );
  });

  /** A valid spec and the same campaign spelled differently: zone and day case, window order, padding, priority type. */
  const respelled = validSpec.chain((spec) => {
    const strategy = spec.dialingStrategy as Json;
    const hours = strategy.callingHours as Json;
    return fc
      .tuple(randomCase(String(hours.timezone)), fc.boolean(), fc.shuffledSubarray(hours.days as Json[], { minLength: (hours.days as Json[]).length }))
      .map(([timezone, upper, order]) => ({
        spec,
        other: {
          ...spec,
          name: ` ${String(spec.name)}\t`,
          priority: typeof spec.priority === "number" ? String(spec.priority) : Number(spec.priority),
          dialingStrategy: {
            ...strategy,
            callingHours: { ...hours, timezone, days: order.map((w) => ({ ...w, day: upper ? String(w.day).toUpperCase() : String(w.day).toLowerCase() })) },
          },
        },
      }));
  });

  test("valid specs pass; normalizing is idempotent and depends on the meaning, not the spelling", () => {
    fc.assert(
      fc.property(respelled, ({ spec, other }) => {
        const first = validateCampaign(spec);
        if (!first.ok) throw new Error(`a valid spec was refused: ${first.failures.map((f) => f.message).join("; ")}`);
        const again = validateCampaign(first.value);
        if (!again.ok) throw new Error(`a normalized spec was refused: ${again.failures.map((f) => f.message).join("; ")}`);
        same(again.value, first.value, "normalizing twice changed the value");
        const respelt = validateCampaign(other);
        if (!respelt.ok) throw new Error(`a respelled valid spec was refused: ${respelt.failures.map((f) => f.message).join("; ")}`);
        same(respelt.value, first.value, "another spelling of the same campaign normalized differently");
      }),
      { numRuns: RUNS },
    );
  });

  test("values unknown during preview: a valid spec with the sentinel anywhere passes, keeps it and is idempotent; no failure sits under one", () => {
    const known = (spec: unknown) => ({ spec, valid: true });
    const inputs = fc.oneof(
      validWithUnknowns.map(known),
      validSpec.map(known),
      fc.tuple(validWithUnknowns, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ({ spec: mutate(v as Json, ms), valid: false })),
    );
    fc.assert(
      fc.property(inputs, ({ spec, valid }) => {
        const first = validateCampaign(spec, { unknownValue: UNKNOWN });
        if (!first.ok) {
          if (valid) throw new Error(`refused: ${first.failures.map((f) => f.message).join("; ")}`);
          for (const f of first.failures) {
            if (f.code !== "unknown_field" && atOrUnderUnknown(spec, f.path)) throw new Error(`failure under an unknown value: ${f.message}`);
          }
          return;
        }
        for (const p of first.unknownPaths) ensure(atOrUnderUnknown(first.value, p), () => `unknownPaths lists ${p}, which holds no sentinel`);
        ensure(first.unknownPaths.length > 0 === JSON.stringify(spec ?? null).includes(UNKNOWN), "unknownPaths disagrees with the input");
        same(validateCampaign(first.value, { unknownValue: UNKNOWN }), first, "normalizing twice changed the result");
        if (first.unknownPaths.length === 0) same(first, { ...validateCampaign(spec), unknownPaths: [] }, "the tolerant variant disagrees on a known spec");
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The check hook, in-process, pointed at an emulator
// ---------------------------------------------------------------------------------------------

describe("check (provider/pulumi/campaign-hooks.ts), fuzzed", () => {
  const ENV = ["KORE_HOST", "KORE_APP_ID", "KORE_ACCOUNT_ID", "KORE_CLIENT_ID", "KORE_CLIENT_SECRET"];
  const saved: Record<string, string | undefined> = {};
  let emulator: Emulator;

  beforeAll(async () => {
    for (const k of ENV) saved[k] = process.env[k];
    emulator = await startEmulator({ port: 0 });
    Object.assign(process.env, {
      KORE_HOST: emulator.url,
      KORE_APP_ID: DEMO_CREDENTIALS.appId,
      KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
      KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    });
    hooks.resetSessions();
  });
  afterAll(async () => {
    for (const k of ENV) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    await emulator?.close();
  });

  const connection = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    fc.constant(UNKNOWN),
    garbage,
    fc.record(
      {
        host: fc.oneof(fc.constant("http://127.0.0.1:1"), fc.constant("https://platform.kore.ai"), fc.constant(UNKNOWN), garbage),
        appId: fc.oneof(fc.constant(DEMO_CREDENTIALS.appId), garbage),
        clientSecret: garbage,
        "x-extra": garbage,
      },
      { requiredKeys: [] },
    ),
  );

  /** What the engine sends: an object (the resource's inputs), maybe with a connection and a __provider. */
  const news = fc
    .tuple(
      fc.oneof(
        { weight: 3, arbitrary: validSpec.map((input) => ({ input, clean: true })) },
        { weight: 1, arbitrary: validWithUnknowns.map((input) => ({ input, clean: isPlainRecord(input) })) },
        { weight: 5, arbitrary: anyInput.map((input) => ({ input, clean: false })) },
      ),
      connection,
      fc.boolean(),
    )
    .map(([{ input, clean }, conn, withProvider]) => {
      const inputs: Json = isPlainRecord(input) ? { ...input } : { name: input };
      if (conn !== undefined) inputs.connection = conn;
      if (withProvider) inputs.__provider = "serialized-provider-text";
      return { inputs, spec: input, clean: clean && conn === undefined };
    });

  test("never throws, answers {property, reason} failures, passes valid specs as normalized, and makes no API call", async () => {
    let clean = 0;
    await fc.assert(
      fc.asyncProperty(news, async ({ inputs, spec, clean: expectClean }) => {
        const result = await hooks.check({}, inputs);
        ensure(result.inputs !== undefined, "check returned no inputs");
        for (const f of result.failures ?? []) {
          ensure(typeof f.property === "string" && typeof f.reason === "string" && f.reason.length > 0, () => `a malformed failure: ${inspect(f)}`);
        }
        if (!expectClean) return;
        clean += 1;
        same(result.failures ?? [], [], "a valid spec got failures from check");
        const expected = validateCampaign(spec, { unknownValue: UNKNOWN });
        ensure(expected.ok, "a valid spec was refused");
        if (expected.ok) same(result.inputs, withoutUndefined(expected.value), "check's inputs are not the normalized spec");
      }),
      { numRuns: RUNS },
    );
    expect(clean).toBeGreaterThan(RUNS / 10); // the valid ones were really checked
    expect(emulator.requests).toEqual([]);
  });
});
