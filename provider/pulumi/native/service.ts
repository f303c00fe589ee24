/**
 * The native plugin's gRPC ResourceProvider service, over the same hooks as the dynamic resources (one
 * core, two adapters). Served directly with the SDK's generated protos rather than through
 * `@pulumi/pulumi/provider`, whose server drops `detailedDiff`, ignores Configure and fails on import.
 *
 * What the engine sends and how it is read:
 * - Configure: the provider's inputs (`args`: host, appId, ..., clientSecret as a secret) become the
 *   `kore:*` settings the hooks read, exactly as stack config feeds the dynamic provider.
 * - Secrets arrive wrapped (shared/secret-envelope.ts): unwrapped on the way in;
 *   a top-level input that was secret is wrapped again wherever it comes back (inputs, outputs).
 * - Diff answers `detailedDiff` with nested paths (`dialingStrategy.maxRingTime`), from the resources' own diff.
 * - Read with no properties is an import: the campaign is read by id alone, `started` from its status.
 * - Each type token (package-schema.ts) is served by its hooks: VoiceCampaign by campaign-hooks.ts, SmsCampaign
 *   by sms-campaign-hooks.ts, ContactList by contact-list-hooks.ts (`SERVED`).
 */
import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import * as grpc from "@grpc/grpc-js";
import { isDeepStrictEqual } from "node:util";
import * as campaignHooks from "../campaign-hooks";
import type { CampaignDiffResult } from "../campaign-hooks";
import * as smsHooks from "../sms-campaign-hooks";
import * as listHooks from "../contact-list-hooks";
import { config } from "../session";
import { targetOf } from "../connection";
import { VOICE_DIFF } from "../../resources/campaign/field-changes";
import { SMS_DIFF } from "../../resources/sms-campaign/field-changes";
import { definitionOf, inputsFromOutputs } from "../../shared/campaign-run/state";
import { startedAsItIs } from "../../shared/campaign-run/as-it-is";
import { outboundFieldChanges, type ChannelDiff } from "../../shared/outbound/field-changes";
import { parsePath } from "../../shared/validation";
import { isSecret, secretOf, SIG_KEY, unwrapSecret } from "../../shared/secret-envelope";
import { CAMPAIGN_TYPE, CONTACT_LIST_TYPE, packageSchema, SECRET_CONFIG_KEYS, SMS_CAMPAIGN_TYPE } from "./package-schema";

/* eslint-disable @typescript-eslint/no-require-imports */
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const plugproto = require("@pulumi/pulumi/proto/plugin_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");
const anyproto = require("google-protobuf/google/protobuf/any_pb");

type Props = Record<string, unknown>;
type Call = ServerUnaryCall<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Done = sendUnaryData<unknown>;

/** The key of the engine's secret envelope (shared/secret-envelope.ts). */
export const SECRET_SIG: string = SIG_KEY;

/** Unwraps secrets at any depth; reports the top-level keys that held one. */
export function unwrapSecrets(props: Props): { plain: Props; secretKeys: Set<string> } {
  const secretKeys = new Set<string>();
  const unwrap = (v: unknown, top?: string): unknown => {
    if (isSecret(v)) {
      if (top) secretKeys.add(top);
      return unwrap(unwrapSecret(v), top);
    }
    if (Array.isArray(v)) return v.map((x) => unwrap(x, top));
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x, top)]));
    return v;
  };
  const plain = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, unwrap(v, k)]));
  return { plain, secretKeys };
}

/** Wraps the given top-level keys as secrets. */
export function wrapSecrets(props: Props, keys: Set<string>): Props {
  if (keys.size === 0) return props;
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, keys.has(k) && v !== undefined ? secretOf(v) : v]));
}

const toStruct = (v: Props) => structproto.Struct.fromJavaScript(v);
const fromStruct = (s: { toJavaScript(): Props } | undefined): Props => (s ? s.toJavaScript() : {});
const typeOf = (urn: string): string => urn.split("::")[2]?.split("$").pop() ?? "";

/** What the detailed diff is computed for: a campaign of a channel, or a contact list (no definition paths). */
export type DiffedResource = "campaign" | "smsCampaign" | "contactList";

/** Each type token the plugin serves: its hooks, how errors name it, and how its detailed diff is made. */
const SERVED = {
  [CAMPAIGN_TYPE]: { kind: "campaign", noun: "campaign", diffed: "campaign", hooks: campaignHooks },
  [SMS_CAMPAIGN_TYPE]: { kind: "campaign", noun: "SMS campaign", diffed: "smsCampaign", hooks: smsHooks },
  [CONTACT_LIST_TYPE]: { kind: "contactList", noun: "contact list", diffed: "contactList", hooks: listHooks },
} as const;

const CHANNEL_DIFFS: Record<Exclude<DiffedResource, "contactList">, ChannelDiff> = { campaign: VOICE_DIFF, smsCampaign: SMS_DIFF };

function hooksFor(urn: string) {
  const type = typeOf(urn);
  const served = (SERVED as Record<string, (typeof SERVED)[keyof typeof SERVED]>)[type];
  if (served) return served;
  throw new Error(`unknown resource type ${type} (this plugin serves ${Object.keys(SERVED).join(", ")})`);
}

/** A failure for the engine; a partial failure (the resource exists) carries its id and properties. */
function grpcError(e: unknown, secretKeys = new Set<string>()): grpc.ServiceError {
  const err = e as Error & { id?: string; properties?: Props; reasons?: string[] };
  const status = new statusproto.Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage(err.message);
  const metadata = new grpc.Metadata();
  if (err.id) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(toStruct(wrapSecrets(err.properties ?? {}, secretKeys)));
    detail.setReasonsList(err.reasons ?? []);
    const any = new anyproto.Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    status.addDetails(any);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(err.message), { code: grpc.status.UNKNOWN, details: err.message, metadata }) as grpc.ServiceError;
}

/** PropertyDiff kinds (provider.proto). */
const KIND = { ADD: 0, ADD_REPLACE: 1, DELETE: 2, DELETE_REPLACE: 3, UPDATE: 4, UPDATE_REPLACE: 5 } as const;

/**
 * The changed paths with their kind: an addition, a deletion or an update; a replace key replaces. `changed`:
 * the campaign diff's paths when the hook has computed them (one diffCampaign or diffSmsCampaign per Diff).
 */
export function detailedDiffOf(resource: DiffedResource, olds: Props, news: Props, replaces: readonly string[], changed?: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (resource !== "contactList") {
    const side = (props: Props) => ({ definition: definitionOf(props), started: Boolean(props.started), startedValue: props.started, restartedAt: props.restartedAt });
    for (const field of outboundFieldChanges(side(olds), side(news), CHANNEL_DIFFS[resource], { changed })) {
      out[field.path] = field.old === undefined ? KIND.ADD : field.new === undefined ? KIND.DELETE : KIND.UPDATE;
    }
  }
  for (const key of replaces) out[key] = KIND.UPDATE_REPLACE;
  return out;
}

export class KoreProviderService {
  constructor(private readonly version: string) {
    // grpc-js calls each handler unbound
    for (const name of Object.getOwnPropertyNames(KoreProviderService.prototype)) {
      const member = (this as unknown as Record<string, unknown>)[name];
      if (name !== "constructor" && typeof member === "function") (this as unknown as Record<string, unknown>)[name] = member.bind(this);
    }
  }

  private async run(done: Done, work: () => Promise<unknown>, secretKeys?: Set<string>): Promise<void> {
    try {
      done(null, await work());
    } catch (e) {
      done(grpcError(e, secretKeys), null);
    }
  }

  getPluginInfo(_call: Call, done: Done): void {
    const info = new plugproto.PluginInfo();
    info.setVersion(this.version);
    done(null, info);
  }

  getSchema(call: Call, done: Done): void {
    if (call.request.getVersion() !== 0) return done(new Error(`unsupported schema version ${call.request.getVersion()}`), null);
    const resp = new provproto.GetSchemaResponse();
    resp.setSchema(JSON.stringify(packageSchema(this.version)));
    done(null, resp);
  }

  /**
   * The provider's inputs as the engine will store them: a credential (and `connections`, which holds them) is
   * always a secret, even when set with `--plaintext` (the engine records what this answers, in the provider's state).
   */
  checkConfig(call: Call, done: Done): void {
    const { plain, secretKeys } = unwrapSecrets(fromStruct(call.request.getNews()));
    const resp = new provproto.CheckResponse();
    resp.setInputs(toStruct(wrapSecrets(plain, new Set([...secretKeys, ...SECRET_CONFIG_KEYS]))));
    done(null, resp);
  }

  diffConfig(call: Call, done: Done): void {
    const [olds, news] = [unwrapSecrets(fromStruct(call.request.getOlds())).plain, unwrapSecrets(fromStruct(call.request.getNews())).plain];
    const changed = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !isDeepStrictEqual(olds[k], news[k])); // key order does not matter
    const resp = new provproto.DiffResponse();
    // a rotated secret or another app is an update of the provider: its resources are read with the new settings
    resp.setChanges(changed.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
    resp.setDiffsList(changed);
    done(null, resp);
  }

  configure(call: Call, done: Done): void {
    void this.run(done, async () => {
      const { plain } = unwrapSecrets(fromStruct(call.request.getArgs()));
      const settings = new Map<string, unknown>();
      for (const [key, value] of Object.entries(plain)) if (value !== undefined && value !== null && value !== "") settings.set(`kore:${key}`, value);
      // variables ("kore:config:host") come from stack config when the args do not say
      for (const [key, value] of call.request.getVariablesMap().entries() as Iterable<[string, string]>) {
        const name = key.replace(/^kore:config:/, "kore:");
        if (!settings.has(name)) settings.set(name, parseMaybeJson(value));
      }
      const req = { config: { get: (key: string) => settings.get(key) } } as never;
      await campaignHooks.configure(req);
      await smsHooks.configure(req);
      await listHooks.configure(req);
      const resp = new provproto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      resp.setSupportspreview(true);
      resp.setAcceptresources(false);
      return resp;
    });
  }

  check(call: Call, done: Done): void {
    void this.run(done, async () => {
      const { hooks } = hooksFor(call.request.getUrn());
      const { plain: news, secretKeys } = unwrapSecrets(fromStruct(call.request.getNews()));
      const result = await hooks.check(unwrapSecrets(fromStruct(call.request.getOlds())).plain, news);
      const resp = new provproto.CheckResponse();
      resp.setInputs(toStruct(wrapSecrets((result.inputs ?? news) as Props, secretKeys)));
      resp.setFailuresList(
        (result.failures ?? []).map((f) => {
          const failure = new provproto.CheckFailure();
          failure.setProperty(f.property);
          failure.setReason(f.reason);
          return failure;
        }),
      );
      return resp;
    });
  }

  diff(call: Call, done: Done): void {
    void this.run(done, async () => {
      const { diffed, hooks } = hooksFor(call.request.getUrn());
      const olds = unwrapSecrets(fromStruct(call.request.getOlds())).plain;
      const news = unwrapSecrets(fromStruct(call.request.getNews())).plain;
      const result = await hooks.diff(call.request.getId(), olds as never, news);
      // no change at all (a no-op preview's every resource): no path to name, and the diff is not computed twice
      const detailed = result.changes || (result.replaces ?? []).length > 0 ? detailedDiffOf(diffed, olds, news, result.replaces ?? [], (result as CampaignDiffResult).changedFields) : {};
      const resp = new provproto.DiffResponse();
      resp.setChanges(result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
      resp.setReplacesList(result.replaces ?? []);
      resp.setDeletebeforereplace(Boolean(result.deleteBeforeReplace));
      resp.setDiffsList([...new Set(Object.keys(detailed).map((p) => parsePath(p)[0] as string))]);
      resp.setHasdetaileddiff(true);
      const map = resp.getDetaileddiffMap();
      for (const [path, k] of Object.entries(detailed)) {
        const pd = new provproto.PropertyDiff();
        pd.setKind(k);
        pd.setInputdiff(true);
        map.set(path, pd);
      }
      return resp;
    });
  }

  /**
   * Create and Update alike: the sent properties unwrapped; a preview answered with what would be sent, no call;
   * the answer's top-level secrets wrapped again (a partial failure's too).
   */
  private write(
    call: Call,
    done: Done,
    sent: { toJavaScript(): Props } | undefined,
    Response: new () => { setId?(id: string): void; setProperties(s: unknown): void },
    previewed: (plain: Props) => Props,
    apply: (hooks: ReturnType<typeof hooksFor>["hooks"], plain: Props) => Promise<{ id?: string; properties: Props }>,
  ): void {
    const { plain, secretKeys } = unwrapSecrets(fromStruct(sent));
    void this.run(
      done,
      async () => {
        const { hooks } = hooksFor(call.request.getUrn());
        const resp = new Response();
        if (call.request.getPreview()) {
          resp.setProperties(toStruct(wrapSecrets(previewed(plain), secretKeys)));
          return resp;
        }
        const { id, properties } = await apply(hooks, plain);
        if (id !== undefined) resp.setId?.(id);
        resp.setProperties(toStruct(wrapSecrets(properties, secretKeys)));
        return resp;
      },
      secretKeys,
    );
  }

  create(call: Call, done: Done): void {
    this.write(call, done, call.request.getProperties(), provproto.CreateResponse, (inputs) => inputs, async (hooks, inputs) => {
      const { id, outs } = await hooks.create(inputs);
      return { id, properties: outs as Props };
    });
  }

  read(call: Call, done: Done): void {
    void this.run(done, async () => {
      const { kind, noun, hooks } = hooksFor(call.request.getUrn());
      const { plain: props, secretKeys } = unwrapSecrets(fromStruct(call.request.getProperties()));
      const importing = Object.keys(props).length === 0;
      const result = await hooks.read(call.request.getId(), props as never);
      let outs = result.props as Props;
      let inputs = result.inputs as Props | undefined;
      if (importing && !result.id) {
        // the read answers "gone" only for a 404: say so, not the engine's "does not support importing"
        const appId = targetOf(undefined, config())?.appId ?? "(the provider's app)";
        throw new Error(`${noun} ${call.request.getId()} not found in app ${appId}: GET ${kind === "campaign" ? "campaign" : "contactList"}/${call.request.getId()} answered 404. Check the id (a contact list's id is not a campaign's, nor the other way round)`);
      }
      if (importing && result.id) {
        // By id alone: the app is the provider's; the campaign described as it is, by its channel's conversion and the
        // shared started rule (what campaignAsItIs and smsCampaignAsItIs apply for export), with nothing pending,
        // so the next up sends nothing for it
        outs = { ...outs, target: outs.target ?? targetOf(undefined, config()) };
        if (kind === "campaign") {
          const asItIs = startedAsItIs(outs.status as string | undefined);
          if (asItIs.holdsSchedule) {
            throw new Error(
              `${noun} ${result.id} is ${String(outs.status)}: Kore holds a schedule for it that the API cannot read back, so an import would record "no schedule" ` +
                "(and the next PUT would send isSchedulingEnabled: false). Declare it with its schedule copied from the console and adoptExisting: true instead",
            );
          }
          const { pendingChanges: _pending, ...rest } = outs;
          outs = { ...rest, started: asItIs.started, adoptExisting: false };
          inputs = inputsFromOutputs(outs);
        }
      }
      const resp = new provproto.ReadResponse();
      resp.setId(result.id);
      resp.setProperties(toStruct(wrapSecrets(outs, secretKeys)));
      if (inputs) resp.setInputs(toStruct(wrapSecrets(inputs, secretKeys)));
      return resp;
    });
  }

  update(call: Call, done: Done): void {
    const olds = () => unwrapSecrets(fromStruct(call.request.getOlds())).plain;
    this.write(call, done, call.request.getNews(), provproto.UpdateResponse, (news) => ({ ...olds(), ...news }), async (hooks, news) => {
      const result = await hooks.update(call.request.getId(), olds() as never, news);
      return { properties: (result.outs ?? {}) as Props };
    });
  }

  delete(call: Call, done: Done): void {
    void this.run(done, async () => {
      const { hooks } = hooksFor(call.request.getUrn());
      await hooks.remove(call.request.getId(), unwrapSecrets(fromStruct(call.request.getProperties())).plain as never);
      return new emptyproto.Empty();
    });
  }

  cancel(_call: Call, done: Done): void {
    done(null, new emptyproto.Empty());
  }

  attach(_call: Call, done: Done): void {
    done(null, new emptyproto.Empty());
  }
}

function parseMaybeJson(value: string): unknown {
  if (!/^[[{]/.test(value.trim())) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
