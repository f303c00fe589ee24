/**
 * Erratum modes: the other answer shapes the docs show for the same call (see /work/shared/kore-api/README.md),
 * so a client can be tried against each reading a real tenant may speak. Off by default: the emulator answers as
 * its README's tables say. Set through `FaultConfig.shapes`. Pure: an answer body in, the reshaped body out.
 */
import type { RouteName } from "./routes";
import type { ShapeVariants } from "./types";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{_id, ...}` <-> `{id, ...}` on one record, keeping the other fields in place. */
function renameId(record: Json, to: "_id" | "id"): Json {
  const from = to === "id" ? "_id" : "id";
  if (!(from in record)) return record;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}

function withExtras(record: Json, extras: Json | undefined): Json {
  return extras ? { ...record, ...structuredClone(extras) } : record;
}

/** The answer of `route` as the chosen erratum would have it. Error answers (`errors`) are left alone. */
export function reshape(route: RouteName, body: unknown, shapes: ShapeVariants | undefined): unknown {
  if (!shapes || !isObject(body) || "errors" in body) return body;
  const out: Json = { ...body };
  const data = out.data;
  if (route === "list" && isObject(data) && Array.isArray(data.results)) {
    const results = data.results.map((r) => (isObject(r) ? withExtras(shapes.listRecordId ? renameId(r, shapes.listRecordId) : r, shapes.extraFields) : r));
    // get-all-sms-campaigns.md's response table: no skip, limit, hasMore, totalPages, totalResults
    out.data = shapes.listPaging === false ? { results } : { ...data, results };
    return out;
  }
  if (route === "create" && shapes.previewCreate === "data.id" && isObject(data) && typeof data.campId === "string") {
    // create-voice-campaign-preview-v2.md puts the id under `data.id`, with no top-level id (it also returns the
    // campaign's fields there, which this mode leaves out: only where the id is matters to a client)
    const { id: _top, ...rest } = out;
    return { ...rest, data: withExtras({ id: data.campId }, shapes.extraFields) };
  }
  if (route === "update" && isObject(data) && shapes.update) {
    const record = withExtras(renameId(data, shapes.update === "id-and-data.id" ? "id" : "_id"), shapes.extraFields);
    // update-sms-campaign.md: `{status, message, data}` with `data._id` and no top-level id
    if (shapes.update === "data._id") {
      const { id: _top, ...rest } = out;
      return { ...rest, data: record };
    }
    return { ...out, data: record }; // update-voice-campaign-v2.md: top-level id and `data._id`
  }
  if (route === "get" && isObject(data)) {
    out.data = withExtras(shapes.getRecordId ? renameId(data, shapes.getRecordId) : data, shapes.extraFields);
    return out;
  }
  if (route === "status" && isObject(data) && shapes.statusAsArray && typeof data.status === "string") {
    // no page answers this way; it is the list filter's array form (`filters.status: ["Ready"]`), which a client must not take for a status
    out.data = withExtras({ ...data, status: [data.status] }, shapes.extraFields);
    return out;
  }
  if (isObject(data)) out.data = withExtras(data, shapes.extraFields);
  else if (Array.isArray(data)) out.data = data.map((r) => (isObject(r) ? withExtras(r, shapes.extraFields) : r));
  return out;
}
