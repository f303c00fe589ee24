/**
 * The shapes Kore.ai answers with, as zod schemas, and pure parsers that turn a JSON body into what
 * the client returns (or into a sentence saying what was expected). Shapes come from the docs'
 * sample responses (see /work/shared/kore-api/README.md for their inconsistencies):
 *
 * - create, Progressive / Agentless: `{status, message, data: {...campaign, id}}`
 * - create, Preview:                 `{status, message, id, data: {campId}}`
 * - update:                          `{status, message, id, data: {...campaign, id}}`
 * - get:                             `{status, message, data: {_id, ...campaign}}`
 * - list:                            `{status, message, data: {results: [{_id | id, ...}], skip, limit, hasMore, totalPages, totalResults}}`
 * - delete:                          `{status, message, data: {_id, ...deleted campaign}}`
 * - status:                          `{status: "success", data: {id, status, name}}`
 * - start / stop:                    `{status, message, updatedAt, campaignInstanceId, totalCallsCompleted?}`
 * - contact list create / get / delete: `{status, message, data: {_id, name, ...list}}`
 * - contact list listing:            `{status, message, data: [{_id, name, ...list}]}` (no paging documented)
 * - errors (any call):               `{errors: [{msg, code}]}`, or `{message}`, or plain text
 *
 * Every object is "loose": unknown fields are kept, so a field Kore adds tomorrow is not lost. They are not
 * passed over in silence either: shapes.ts's `noteUnknownFields` warns once per run and field about any that no
 * page shows, since those are where the docs are out of date. Which call answers with which schema, and what it
 * expects in words, is the endpoint table's (endpoints.ts).
 */
import { z } from "zod";

/** A campaign record as Kore stores it, with `_id` or `id` normalized to `id`. */
export type WireCampaign = { id: string } & Record<string, unknown>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A campaign id we are willing to store and put in a URL: every id in every answer must be one. */
export const CAMPAIGN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

// An id such as "../../x" or "cd-1?trigger=play" is refused before it reaches state: stored, it would make
// the resource impossible to refresh or destroy.
const id = z.string().regex(CAMPAIGN_ID_PATTERN, { message: "is not a plain campaign id (letters, digits, '_', '.', '-'; at most 128)" });
const looseRecord = z.looseObject({ id: id.optional(), _id: id.optional() });
type LooseRecord = z.infer<typeof looseRecord>;

/** `{_id | id, ...rest}` -> `{id, ...rest}`; `fallbackId` when the record itself has neither. */
function normalizeRecord(r: LooseRecord, fallbackId?: string): WireCampaign | undefined {
  const { _id, id: ownId, ...rest } = r;
  const recordId = ownId ?? _id ?? fallbackId;
  return recordId === undefined ? undefined : { id: recordId, ...rest };
}

const campaignRecord = looseRecord.transform((r, ctx) => {
  const out = normalizeRecord(r);
  if (!out) {
    ctx.issues.push({ code: "custom", message: "expected a campaign id in `_id` or `id`", input: r });
    return z.NEVER;
  }
  return out;
});

/** A 2xx body saying `{status: "failure"}`: Kore's way of failing without an error status. */
export const failureEnvelope = z.looseObject({ status: z.literal("failure"), message: z.string().optional() });

export interface CreateResult {
  id: string;
  /** The created campaign, when Kore returned it (Progressive / Agentless); Preview returns only ids. */
  record?: WireCampaign;
}

export const createResponse = z
  .looseObject({ id: id.optional(), data: looseRecord.extend({ campId: id.optional() }) })
  .transform((body, ctx): CreateResult => {
    const { campId, ...record } = body.data;
    const ids = [...new Set([record.id, record._id, campId, body.id].filter((x): x is string => x !== undefined))];
    if (ids.length !== 1) {
      ctx.issues.push({
        code: "custom",
        message: ids.length === 0 ? "no campaign id in data.id, data._id, data.campId or id" : `the campaign ids disagree (${ids.join(", ")})`,
        input: body,
      });
      return z.NEVER;
    }
    const full = record.id !== undefined || record._id !== undefined;
    return full ? { id: ids[0], record: normalizeRecord(record) } : { id: ids[0] };
  });

export const getResponse = z.looseObject({ data: campaignRecord }).transform((b) => b.data);

export const updateResponse = z
  .looseObject({ id: id.optional(), data: looseRecord })
  .transform((body, ctx) => {
    const out = normalizeRecord(body.data, body.id);
    if (!out) {
      ctx.issues.push({ code: "custom", message: "no campaign id in data.id, data._id or id", input: body });
      return z.NEVER;
    }
    return out;
  });

/** A record of a listing that was left out (no id, a bad id, not an object): where it was and why. */
export interface SkippedRecord {
  /** 1-based, in the page's results */
  position: number;
  /** the record's `name`, as the server sent it (print it through a sanitiser) */
  name?: string;
  problem: string;
}

export interface ListPage {
  records: WireCampaign[];
  hasMore: boolean;
  totalResults?: number;
  /** in the order they came; the records beside them are kept (one bad record does not fail the listing) */
  skipped: SkippedRecord[];
  /** how many records arrived, kept or not (the next page's skip counts them all) */
  received: number;
}

/** Each entry of a listing parsed on its own: the good ones kept, the others reported. */
function recordsOf(results: readonly unknown[]): { records: WireCampaign[]; skipped: SkippedRecord[] } {
  const records: WireCampaign[] = [];
  const skipped: SkippedRecord[] = [];
  results.forEach((entry, i) => {
    const parsed = parseWith(campaignRecord, entry);
    if (parsed.ok) return void records.push(parsed.value);
    const name = typeof entry === "object" && entry !== null && typeof (entry as { name?: unknown }).name === "string" ? (entry as { name: string }).name : undefined;
    const problem = typeof entry === "object" && entry !== null && !Array.isArray(entry) ? parsed.problem.replace(/^\(body\): /, "") : "(record): expected a JSON object";
    skipped.push({ position: i + 1, ...(name !== undefined ? { name } : {}), problem });
  });
  return { records, skipped };
}

export const listResponse = z
  .looseObject({
    data: z.looseObject({
      results: z.array(z.unknown()),
      hasMore: z.boolean().optional(),
      skip: z.number().optional(),
      totalResults: z.number().optional(),
    }),
  })
  .transform(({ data }, ctx): ListPage => {
    // `hasMore` is documented and always sent; fall back to the totals rather than guess "no more".
    const hasMore =
      data.hasMore ?? (data.totalResults !== undefined && data.skip !== undefined ? data.skip + data.results.length < data.totalResults : undefined);
    if (hasMore === undefined) {
      ctx.issues.push({ code: "custom", message: "expected data.hasMore (or data.skip and data.totalResults)", input: data, path: ["data", "hasMore"] });
      return z.NEVER;
    }
    return { ...recordsOf(data.results), hasMore, totalResults: data.totalResults, received: data.results.length };
  });

/** Delete answers with the deleted campaign; only "it is a JSON object (or nothing)" matters. */
export const deleteResponse = z.looseObject({ status: z.string().optional(), message: z.string().optional() }).optional();

export interface CampaignStatus {
  id: string;
  status: string;
  name?: string;
}

export const statusResponse = z
  .looseObject({ data: looseRecord.extend({ status: z.string(), name: z.string().optional() }) })
  .transform(({ data }, ctx): CampaignStatus => {
    const recordId = data.id ?? data._id;
    if (recordId === undefined) {
      ctx.issues.push({ code: "custom", message: "expected data.id", input: data, path: ["data", "id"] });
      return z.NEVER;
    }
    return data.name === undefined ? { id: recordId, status: data.status } : { id: recordId, status: data.status, name: data.name };
  });

/** The answer of the v2 schedule call (enable and disable alike): `{status: "success", message, id}`. */
export interface ScheduleResult {
  message?: string;
  /** the campaign's id, per the response table */
  id?: string;
}

export const scheduleResponse = z
  .looseObject({ status: z.literal("success"), message: z.string().optional(), id: z.string().optional() })
  .transform((b): ScheduleResult => ({ ...(b.message !== undefined ? { message: b.message } : {}), ...(b.id !== undefined ? { id: b.id } : {}) }));

export interface TriggerResult {
  /** The campaign's status after the trigger (`Active`, `Stopped`, ...). */
  status: string;
  message?: string;
  campaignInstanceId?: string;
  updatedAt?: string;
}

export const triggerResponse = z
  .looseObject({
    status: z.string(),
    message: z.string().optional(),
    updatedAt: z.string().optional(),
    campaignInstanceId: z.string().optional(),
  })
  .transform((b): TriggerResult => {
    const out: TriggerResult = { status: b.status };
    if (b.message !== undefined) out.message = b.message;
    if (b.campaignInstanceId !== undefined) out.campaignInstanceId = b.campaignInstanceId;
    if (b.updatedAt !== undefined) out.updatedAt = b.updatedAt;
    return out;
  });

/** A contact list record (create-contact-list.md, get-contact-list-details.md), `_id` normalized to `id`. */
export type WireContactList = { id: string } & Record<string, unknown>;

/** One contact list in an answer's `data`; the same id rule as campaigns (it goes into URLs and state). */
export const contactListResponse = z.looseObject({ data: campaignRecord }).transform((b): WireContactList => b.data);

export const contactListsResponse = z.looseObject({ data: z.array(campaignRecord) }).transform((b): WireContactList[] => b.data);

/** Runs a schema; on failure, says where the body differs (paths and zod's words, never values). */
export function parseWith<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`)
    .join("; ");
  return { ok: false, problem: issues };
}

/** Kore's words from an error body: `{errors: [{msg, code}]}`, `{message}`, `{error}`, or the text itself. */
export function parseErrorBody(text: string): { message?: string; code?: string | number } {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return { message: plainText(trimmed) };
  }
  const errors = z.looseObject({ errors: z.array(z.looseObject({ msg: z.unknown().optional(), message: z.unknown().optional(), code: z.unknown().optional() })).min(1) }).safeParse(json);
  if (errors.success) {
    const items = errors.data.errors;
    const msgs = items.map((e) => e.msg ?? e.message).filter((m): m is string => typeof m === "string" && m !== "");
    const code = items.map((e) => e.code).find((c): c is string | number => typeof c === "string" || typeof c === "number");
    return { message: msgs.length ? msgs.join("; ") : undefined, code };
  }
  const single = z
    .looseObject({ message: z.unknown().optional(), msg: z.unknown().optional(), error: z.unknown().optional(), code: z.unknown().optional() })
    .safeParse(json);
  if (single.success) {
    const d = single.data;
    const nested = typeof d.error === "object" && d.error !== null ? (d.error as Record<string, unknown>).message : undefined;
    const message = [d.message, d.msg, d.error, nested].find((m): m is string => typeof m === "string" && m !== "");
    const code = typeof d.code === "string" || typeof d.code === "number" ? d.code : undefined;
    if (message !== undefined || code !== undefined) return { message, code };
  }
  return { message: plainText(trimmed) };
}

/** Body text fit for one line of an error message: an HTML page's title, or the text, cut short. */
export function plainText(text: string, max = 300): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const flat = (title ?? text.replace(/<[^>]+>/g, " ")).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}
