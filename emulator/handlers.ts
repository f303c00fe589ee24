/** One function per endpoint: check the query and body, change the store, shape the answer. */
import {
  applySmsUpdate,
  applyUpdate,
  buildCampaign,
  buildSmsCampaign,
  checkDeletable,
  isSms,
  play,
  schedule as scheduleCampaign,
  SCHEDULE_FLAGS,
  stop,
  unschedule,
  type Transition,
} from "./campaign";
import { validateScheduleBody } from "./schedule";
import { buildContactList, checkListDeletable, definitionOf, listNameClash, unknownContactLists, withUsage, type ListOwner } from "./contactList";
import { HttpError, type Answer } from "./http";
import { newCampaignId, newContactListId, newInstanceId } from "./ids";
import * as answers from "./responses";
import type { RouteName } from "./routes";
import type { CampaignStore } from "./store";
import type { ContactListInfo, StoredCampaign } from "./types";
import {
  CONTACT_LIST_TYPES,
  shown,
  validateCampaignBody,
  validateContactListBody,
  validateListBody,
  validateSmsCampaignBody,
  type Validation,
} from "./validate";

export interface HandlerContext {
  store: CampaignStore;
  /** Whose contact lists this app's are (orgId, iId, accountId, the API user). */
  owner: ListOwner;
  params: { appId: string; id?: string };
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
  /** Set when the body was not valid JSON. */
  bodyNotJson: boolean;
  now: () => string;
  /** The emulator's clock (epoch ms), which tests can move. */
  nowMs: () => number;
}

type Handler = (ctx: HandlerContext) => Promise<Answer>;

const ok = (body: unknown): Answer => ({ status: 200, body });

type CampaignType = "voice" | "sms";

/** The `campaignType` query of create, update, delete, start and stop: which pages' rules apply. */
function campaignTypeOf(query: URLSearchParams): CampaignType {
  const type = query.get("campaignType");
  if (type !== "voice" && type !== "sms") throw new HttpError(400, `campaignType query parameter must be "voice" or "sms" (got ${shown(type ?? undefined)})`);
  return type;
}

/** Decision (README "SMS campaigns"): a campaignType that is not the campaign's own is refused 400, nothing changed. */
function requireSameType(c: StoredCampaign, type: CampaignType): void {
  const own: CampaignType = isSms(c) ? "sms" : "voice";
  if (own !== type) {
    throw new HttpError(400, `campaignType query parameter is "${type}", but campaign ${c.id} is a${own === "sms" ? "n SMS" : " voice"} campaign (send campaignType=${own})`);
  }
}

function requireJsonBody(ctx: HandlerContext): void {
  if (ctx.bodyNotJson) throw new HttpError(400, "request body is not valid JSON");
}

function existing(ctx: HandlerContext): StoredCampaign {
  const c = ctx.params.id ? ctx.store.get(ctx.params.id) : undefined;
  if (!c) throw new HttpError(404, `Campaign ${ctx.params.id} not found`);
  return c;
}

/** Decision: names are unique per app, compared lowercase (`lname`), voice and SMS campaigns alike (one namespace). */
function refuseDuplicateName(ctx: HandlerContext, name: string, exceptId?: string): void {
  const clash = ctx.store.findByLname(name.toLowerCase(), exceptId);
  if (clash) throw new HttpError(409, `A campaign named "${clash.name}" already exists (id ${clash.id})`);
}

/** Decision: a campaign may only name contact lists that exist in the app (400, one message per unknown entry). */
function refuseUnknownContactLists(ctx: HandlerContext, body: { contactLists: string[] }): void {
  const failures = unknownContactLists(body.contactLists, ctx.store.contactLists.all());
  if (failures.length > 0) throw new HttpError(400, failures[0], 400, failures.slice(1));
}

/**
 * A create or update body that passes, in order: the body rules (of the query's type), the contact lists, the name.
 * `exceptId`: the campaign being updated, whose own name is no clash.
 */
function checkedBody<T extends { name: string; contactLists: string[] }>(ctx: HandlerContext, v: Validation<T>, exceptId?: string): T {
  if (!v.ok) throw new HttpError(400, v.failures[0], 400, v.failures.slice(1));
  refuseUnknownContactLists(ctx, v.value);
  refuseDuplicateName(ctx, v.value.name, exceptId);
  return v.value;
}

function applied(t: Transition): StoredCampaign {
  if (!t.ok) throw new HttpError(t.status, t.msg);
  return t.campaign;
}

const create: Handler = async (ctx) => {
  const type = campaignTypeOf(ctx.query);
  requireJsonBody(ctx);
  const [id, now] = [newCampaignId(), ctx.now()];
  const campaign =
    type === "sms"
      ? buildSmsCampaign(checkedBody(ctx, validateSmsCampaignBody(ctx.body)), id, now)
      : buildCampaign(checkedBody(ctx, validateCampaignBody(ctx.body)), id, now);
  ctx.store.add(campaign);
  await ctx.store.persist();
  return ok(answers.createAnswer(campaign));
};

const get: Handler = async (ctx) => ok(answers.getAnswer(existing(ctx)));

const list: Handler = async (ctx) => {
  requireJsonBody(ctx);
  const v = validateListBody(ctx.body);
  if (!v.ok) throw new HttpError(400, v.failures[0], 400, v.failures.slice(1));
  const { skip, limit, type } = v.value;
  // each type lists only its own campaigns; `type` absent means voice (validateListBody)
  const all = ctx.store.newestFirst().filter((c) => isSms(c) === (type === "sms"));
  return ok(answers.listAnswer(all.slice(skip, skip + limit), { skip, limit, total: all.length }));
};

const update: Handler = async (ctx) => {
  const type = campaignTypeOf(ctx.query);
  requireJsonBody(ctx);
  const current = existing(ctx);
  requireSameType(current, type);
  const updated =
    type === "sms"
      ? applySmsUpdate(current, checkedBody(ctx, validateSmsCampaignBody(ctx.body), current.id), ctx.now())
      : applyUpdate(current, checkedBody(ctx, validateCampaignBody(ctx.body), current.id), ctx.now());
  ctx.store.replace(updated);
  await ctx.store.persist();
  return ok(answers.updateAnswer(updated));
};

const remove: Handler = async (ctx) => {
  const type = campaignTypeOf(ctx.query);
  const current = existing(ctx);
  requireSameType(current, type);
  const deletable = checkDeletable(current);
  if (!deletable.ok) throw new HttpError(deletable.status, deletable.msg);
  ctx.store.remove(current.id);
  await ctx.store.persist();
  return ok(answers.deleteAnswer(current));
};

const trigger: Handler = async (ctx) => {
  const type = campaignTypeOf(ctx.query);
  const action = ctx.query.get("trigger");
  if (action !== "play" && action !== "stop") {
    throw new HttpError(400, `trigger query parameter must be "play" or "stop" (got ${shown(action ?? undefined)})`);
  }
  const current = existing(ctx);
  requireSameType(current, type);
  const next = applied(action === "play" ? play(current, ctx.now(), newInstanceId()) : stop(current, ctx.now()));
  ctx.store.replace(action === "stop" ? { ...next, schedule: { ...next.schedule, ...SCHEDULE_FLAGS.disabled } } : next);
  if (action === "stop") ctx.store.setSchedule(current.id, undefined); // a stop ends the schedule too
  await ctx.store.persist();
  return ok(action === "play" ? answers.startAnswer(next) : answers.stopAnswer(next));
};

/**
 * The v2 schedule call: POST /campaign/api/v2/public/{streamId}/campaign/schedule?enableSchedule=true|false&campaignName=...
 * The campaign, voice or SMS, is found by name (names are unique per app, compared lowercase). See schedule.ts for the decisions.
 */
const setSchedule: Handler = async (ctx) => {
  requireJsonBody(ctx);
  const enable = ctx.query.get("enableSchedule");
  if (enable !== "true" && enable !== "false") {
    throw new HttpError(400, `enableSchedule query parameter must be "true" or "false" (got ${shown(enable ?? undefined)})`);
  }
  const name = ctx.query.get("campaignName");
  if (name === null || name.trim() === "") throw new HttpError(400, "campaignName query parameter is required");
  const found = ctx.store.findByLname(name.toLowerCase());
  const current = found ? ctx.store.get(found.id) : undefined;
  if (!current) throw new HttpError(404, `Campaign named ${shown(name)} not found`);
  if (enable === "false") {
    ctx.store.replace(unschedule(current, ctx.now()));
    ctx.store.setSchedule(current.id, undefined);
    await ctx.store.persist();
    return ok({ status: "success", message: `Campaign ${current.name} schedule has been disabled successfully`, id: current.id });
  }
  const v = validateScheduleBody(ctx.body, ctx.nowMs());
  if (!v.ok) throw new HttpError(400, v.failures[0], 400, v.failures.slice(1));
  ctx.store.replace(applied(scheduleCampaign(current, ctx.now())));
  ctx.store.setSchedule(current.id, v.value);
  await ctx.store.persist();
  return ok({ status: "success", message: `Campaign ${current.name} scheduled successfully`, id: current.id });
};

const status: Handler = async (ctx) => {
  const view = ctx.query.get("view");
  if (view !== null && view !== "status") throw new HttpError(400, `view query parameter must be "status" (got ${shown(view)})`);
  return ok(answers.statusAnswer(existing(ctx)));
};

// Contact lists.

function existingList(ctx: HandlerContext): ContactListInfo {
  const l = ctx.params.id ? ctx.store.contactLists.get(ctx.params.id) : undefined;
  if (!l) throw new HttpError(404, `Contact list ${shown(ctx.params.id)} not found`);
  return withUsage(l, ctx.store.all());
}

const createContactList: Handler = async (ctx) => {
  requireJsonBody(ctx);
  const v = validateContactListBody(ctx.body);
  if (!v.ok) throw new HttpError(400, v.failures[0], 400, v.failures.slice(1));
  const clash = listNameClash(v.value.name, ctx.store.contactLists.all());
  if (clash) throw new HttpError(409, clash);
  const list = buildContactList(definitionOf(v.value), newContactListId(), ctx.now(), ctx.owner);
  ctx.store.contactLists.add(list);
  await ctx.store.persist();
  return ok(answers.createListAnswer(withUsage(list, ctx.store.all())));
};

const getContactList: Handler = async (ctx) => ok(answers.getListAnswer(existingList(ctx)));

/** No paging is documented: every list, newest first. */
const listContactLists: Handler = async (ctx) => {
  requireJsonBody(ctx);
  const type = ctx.query.get("type");
  if (type !== null && !(CONTACT_LIST_TYPES as readonly string[]).includes(type)) {
    throw new HttpError(400, `type query parameter must be "call" (got ${shown(type)})`);
  }
  const campaigns = ctx.store.all();
  return ok(answers.allListsAnswer(ctx.store.contactLists.newestFirst().map((l) => withUsage(l, campaigns))));
};

const deleteContactList: Handler = async (ctx) => {
  const current = existingList(ctx);
  const deletable = checkListDeletable(current, ctx.store.all());
  if (!deletable.ok) throw new HttpError(deletable.status, deletable.msg);
  ctx.store.contactLists.remove(current.id);
  await ctx.store.persist();
  return ok(answers.deleteListAnswer(current));
};

export const HANDLERS: Record<RouteName, Handler> = {
  create,
  get,
  list,
  update,
  delete: remove,
  trigger,
  status,
  schedule: setSchedule,
  createContactList,
  getContactList,
  listContactLists,
  deleteContactList,
};
