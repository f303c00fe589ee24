/**
 * Creating a resource that Kore.ai knows by a unique name (campaigns, contact lists), at most once:
 *
 * - A name that exists is refused with its id, unless the resource adopts it (`adoptExisting`) or the
 *   create journal proves an interrupted run of this provider made it.
 * - The create POST is sent once. After an answer that leaves the outcome unknown, or a 409 that says
 *   the name is taken (created since this process listed the app), the name is looked up instead of
 *   posting again.
 * - The name stays claimed in the process's name view until the view has learned the new id, so no
 *   other resource of the stack can slip in between; one id is managed by one resource.
 *
 * Pure over its context: the lister, the journal and the POST are passed in.
 */
import { KoreApiError } from "../kore-api/errors";
import { madeByInterruptedCreate, type InterruptedCreates } from "./interrupted-creates";
import type { NameView } from "./name-view";
import { messageOf } from "../util/values";

/** How messages name the kind of resource. */
export interface CreatedKind {
  noun: string;
  plural: string;
  /** why nothing is retried blindly, in a few words */
  harm: string;
}

export interface CreateByName {
  names: NameView;
  interrupted?: InterruptedCreates;
  kind: CreatedKind;
  /** the server's creation time of `id` (one GET), to tell an interrupted create's resource from another's */
  createdAt(id: string): Promise<string | undefined>;
  /**
   * Why the resource found under this name can never be this one, whatever `adoptExisting` says (a voice
   * campaign's name for an SMS campaign: one namespace, two channels), or undefined when it may be.
   */
  conflict?(record: Record<string, unknown> | undefined, id: string): string | undefined;
}

/** What the POST answered: the id, and the record when the answer carried it. */
export interface Posted<R> {
  id: string;
  record?: R;
}

/** A create whose answer was lost and whose resource was not found (yet): it may exist, or appear later. */
export class MayExistError extends Error {}


export function createdAtOf(record: Record<string, unknown>): string | undefined {
  return typeof record.createdAt === "string" ? record.createdAt : undefined;
}

export function nameTakenError(kind: CreatedKind, name: string, appId: string, existingId: string): Error {
  return new Error(
    `a ${kind.noun} named "${name}" already exists in app ${appId} (id ${existingId}); ` +
      `names are unique case-insensitively. If you renamed its file, list the old file name in renamedFrom (the stack then keeps it ` +
      `under the new name, with no other call); if it was made outside this stack, set adoptExisting: true to manage that ${kind.noun}; or choose another name.`,
  );
}

/**
 * The id for a resource of this name: found (adopted or recovered) or created by one POST.
 * `adopting` is true when the id was not made by this call's POST: the caller brings it in line.
 */
export async function createOrAdopt<R>(
  ctx: CreateByName,
  name: string,
  appId: string,
  adoptExisting: boolean,
  post: () => Promise<Posted<R>>,
): Promise<{ id: string; posted?: Posted<R> & { existed: boolean }; adopting: boolean }> {
  const existingId = await ctx.names.find(name);
  if (existingId !== undefined) await refuseConflict(ctx, existingId);
  const recovered = existingId !== undefined && !adoptExisting && (await isInterruptedCreate(ctx, name, existingId));
  if (existingId !== undefined && !adoptExisting && !recovered) throw nameTakenError(ctx.kind, name, appId, existingId);
  const posted = existingId === undefined ? await postOnce(ctx, name, post) : undefined;
  const id = existingId ?? posted!.id;
  if (posted?.existed) await refuseConflict(ctx, id);
  if (posted?.existed && !adoptExisting) throw nameTakenError(ctx.kind, name, appId, id); // this POST was refused: someone else's
  const adopting = posted === undefined || posted.existed;
  const firstManager = ctx.names.holdings.manage(id, !adopting); // a resource that left the program may hold it in state: its delete then forgets it
  if (adopting && !firstManager) {
    throw new Error(`${ctx.kind.noun} ${id} ("${name}") is already managed by another resource in this stack; one ${ctx.kind.noun}, one resource`);
  }
  return { id, posted, adopting };
}

/** The resource found under the name can never be this one (ctx.conflict): refused, naming both. */
async function refuseConflict(ctx: CreateByName, id: string): Promise<void> {
  if (!ctx.conflict) return;
  const record = (await ctx.names.entries()).find((e) => e.id === id)?.record;
  const reason = ctx.conflict(record, id);
  if (reason !== undefined) throw new Error(reason);
}

/** Did an interrupted run of this provider (on this machine) create `id` for this name? */
async function isInterruptedCreate(ctx: CreateByName, name: string, id: string): Promise<boolean> {
  const entry = ctx.interrupted?.find(name);
  if (!entry) return false;
  if (entry.id !== undefined) return madeByInterruptedCreate(entry, { id });
  return madeByInterruptedCreate(entry, { id, createdAt: await ctx.createdAt(id) }); // the POST's answer was never read
}

/**
 * POSTs at most once. After an answer that leaves the outcome unknown, or a 409 that says the name is
 * taken, it looks the name up instead of posting again; `existed` tells the caller the resource was not
 * made by this POST.
 */
async function postOnce<R>(ctx: CreateByName, name: string, post: () => Promise<Posted<R>>): Promise<Posted<R> & { existed: boolean }> {
  const { noun } = ctx.kind;
  if (!ctx.names.claim(name)) {
    throw new Error(`two resources in this stack declare the ${noun} name "${name}"; ${noun} names must be unique`);
  }
  try {
    // Another stack may have created the name since this process listed the app: one cheap look first.
    const createdMeanwhile = await ctx.names.recheck(name).catch(() => undefined); // unreadable: the server's refusal remains
    if (createdMeanwhile !== undefined) {
      ctx.names.learn(name, createdMeanwhile);
      return { id: createdMeanwhile, existed: true };
    }
    ctx.interrupted?.intend(name); // if this process dies now, the next run recognises what it made
    let posted: Posted<R> & { existed: boolean };
    try {
      posted = await postOrFind(ctx, name, post);
    } catch (err) {
      if (!(err instanceof MayExistError)) ctx.interrupted?.done(name); // definitely not created
      throw err;
    }
    if (posted.existed) ctx.interrupted?.done(name); // refused (409): the resource found is not this create's
    else ctx.interrupted?.record(name, posted.id);
    // the POST's answer, when it carried the record, tells later checks what the new resource holds (its contact lists)
    const record = !posted.existed && posted.record ? { ...(posted.record as Record<string, unknown>), id: posted.id } : undefined;
    ctx.names.learn(name, posted.id, record);
    return posted;
  } finally {
    ctx.names.release(name);
  }
}

async function postOrFind<R>(ctx: CreateByName, name: string, post: () => Promise<Posted<R>>): Promise<Posted<R> & { existed: boolean }> {
  const { noun, harm } = ctx.kind;
  try {
    return { ...(await post()), existed: false };
  } catch (err) {
    const ambiguous = err instanceof KoreApiError && err.outcomeUnknown;
    const nameTaken = err instanceof KoreApiError && err.status === 409;
    if (!ambiguous && !nameTaken) throw err;
    let id: string | undefined;
    try {
      id = await ctx.names.findFresh(name);
    } catch (lookupErr) {
      if (!ambiguous) throw lookupErr;
      throw new MayExistError(
        `${messageOf(err)}\nThe ${noun} "${name}" may exist on the server: the create's answer was lost, and ` +
          `looking the name up failed too (${messageOf(lookupErr)}). Nothing was retried. Run up again: the create looks the ` +
          `name up first; if it is then refused because the name exists, see docs/operations.md, "Recovering from an interrupted up".`,
      );
    }
    if (id === undefined && ambiguous) {
      throw new MayExistError(
        `${messageOf(err)}\nNo ${noun} named "${name}" was listed right afterwards. Kore may still create it (a request ` +
          `can be processed after its answer is lost), so nothing was retried: ${harm}. ` +
          `Run up again: it looks the name up first.`,
      );
    }
    if (id === undefined) throw err;
    return { id, existed: nameTaken }; // ambiguous but found: this POST made it, adopt it rather than POST again
  }
}
