/**
 * The one scaffold of every resource's dynamic-provider hooks: configure, check, diff, create, read, update and
 * remove, each resolving its connection, settling the create journal (`inState`), keeping the name view's
 * holdings, and shaping every failure for the engine (`forEngine`: secrets scrubbed, a partial failure's id and
 * `__provider` kept). A resource's hooks module (campaign-hooks.ts, contact-list-hooks.ts) is a short table of
 * what differs: its kind, its lifecycle's context and calls, its diff and update, and its warnings.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Placement } from "../shared/placement";
import { withoutUndefined, type ResourceKind } from "../shared/properties";
import { resolveConnection, type ResolvedConnection } from "./connection";
import { warnUser } from "./engine-log";
import { checkInputs, config, configureFrom, connectStored, forEngine, inState, namesFor, PROVIDER_KEY, refOf, sessionFor, type AppSession } from "./session";

/** The outputs every resource stores: where it lives (its name is what the create journal is keyed by). */
export type StoredOutputs = { target?: Placement["target"]; name?: unknown; connection?: unknown };

type Validation = ReturnType<Parameters<typeof checkInputs>[1]>;

/** What one resource's hooks are made of. */
export interface ResourceHooks<Context, Spec, Outputs extends StoredOutputs> {
  kind: ResourceKind;
  /** What its lifecycle needs from the process's session for one app. */
  context(session: AppSession): Context;
  /** Its validation (check), with unknown preview values allowed. */
  validate(spec: Record<string, unknown>): Validation;
  /** After a check without failures (a warning about the normalized inputs). */
  checked?(olds: Record<string, unknown>, inputs: Record<string, unknown>): Promise<void>;
  /** Its diff, after the engine has shown it holds `id`. */
  diff(id: string, olds: Outputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
  create(ctx: Context, spec: Spec, placement: Placement): Promise<{ id: string; outs: object }>;
  /** The server's view for state (undefined: gone), with the inputs a user declares. */
  read(ctx: Context, id: string, props: Outputs, conn: ResolvedConnection): Promise<{ props: Record<string, unknown>; inputs: Record<string, unknown> } | undefined>;
  /** Its update; `use` names the connection it talks through (so a failure is scrubbed of its secrets). */
  update(id: string, olds: Outputs, news: Record<string, unknown>, tools: UpdateTools<Context>): Promise<object>;
  /** Its delete: "forgotten" when another resource holds it or it was never the stack's to delete. */
  remove(ctx: Context, id: string, props: Outputs, conn: ResolvedConnection): Promise<"deleted" | "forgotten" | void>;
  /** The warning for a delete that only forgot, or undefined for none. */
  forgotten?(id: string, props: Outputs): string | undefined;
}

export interface UpdateTools<Context> {
  use(conn: ResolvedConnection): ResolvedConnection;
  contextFor(conn: ResolvedConnection): Context;
}

/** The hooks the serialized provider (and the native plugin) calls, by these names. */
export interface DynamicHooks<Outputs> {
  configure(req: pulumi.dynamic.ConfigureRequest): Promise<void>;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Outputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Outputs): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Outputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult>;
  remove(id: string, props: Outputs): Promise<void>;
}

/**
 * A resource's spec in create/update inputs: the engine hands the hooks exactly what `check` returned
 * (validated and normalized), so it is not validated a second time.
 */
export function specOf<Spec>(inputs: Record<string, unknown>): Spec {
  const { connection: _connection, [PROVIDER_KEY]: _provider, ...spec } = inputs;
  return spec as unknown as Spec;
}

/** Runs `work`, shaping any failure for the engine with the secrets of the connection it used. */
async function guarded<T>(provider: unknown, work: (use: (conn: ResolvedConnection) => ResolvedConnection) => Promise<T>): Promise<T> {
  let conn: ResolvedConnection | undefined;
  try {
    return await work((c) => (conn = c));
  } catch (err) {
    throw forEngine(err, conn, provider);
  }
}

/** The hooks of one resource, over its table. */
export function dynamicHooks<Context, Spec, Outputs extends StoredOutputs>(resource: ResourceHooks<Context, Spec, Outputs>): DynamicHooks<Outputs> {
  const { kind } = resource;
  const contextFor = (conn: ResolvedConnection) => resource.context(sessionFor(conn));
  const providerOf = (props: Outputs) => (props as Record<string, unknown>)[PROVIDER_KEY];
  return {
    async configure(req) {
      configureFrom(req);
    },

    async check(olds, news) {
      const result = checkInputs(news, resource.validate);
      if (!result.failures?.length && result.inputs && resource.checked) await resource.checked(olds, result.inputs);
      return result;
    },

    async diff(id, olds, news) {
      inState(kind, id, olds);
      return resource.diff(id, olds, news);
    },

    async create(inputs) {
      return guarded(inputs[PROVIDER_KEY], async (use) => {
        const connection = refOf(inputs);
        const conn = use(resolveConnection(connection, config()));
        // The journal entry stays after this returns: the engine may die before it records the id. It is
        // cleared once a later command shows the resource in state (diff, read, update, delete).
        const { id, outs } = await resource.create(contextFor(conn), specOf<Spec>(inputs), { target: conn.target, connection });
        return { id, outs: withoutUndefined(outs) };
      });
    },

    async read(id, props) {
      return guarded(providerOf(props), async (use) => {
        const conn = use(connectStored(props));
        inState(kind, id, props);
        if (props.target) namesFor(kind, props.target).holdings.read(id);
        const read = await resource.read(contextFor(conn), id, props, conn);
        if (!read) return { id: "", props: {} }; // deleted outside Pulumi: the engine drops it from state
        return { id, props: read.props, inputs: read.inputs };
      });
    },

    async update(id, olds, news) {
      return guarded(news[PROVIDER_KEY], async (use) => ({ outs: withoutUndefined(await resource.update(id, olds, news, { use, contextFor })) }));
    },

    async remove(id, props) {
      return guarded(undefined, async (use) => {
        const conn = use(connectStored(props));
        inState(kind, id, props);
        if ((await resource.remove(contextFor(conn), id, props, conn)) !== "forgotten") return;
        const warning = resource.forgotten?.(id, props);
        if (warning) await warnUser(warning);
      });
    },
  };
}
