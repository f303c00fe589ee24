/**
 * Drives the provider the way `pulumi up` does, without the CLI: captures the VoiceCampaign's
 * serialized provider (under pulumi mocks, `newResource` receives it as the `__provider` input),
 * starts the real `@pulumi/pulumi/cmd/dynamic-provider` host as a child process in a folder outside
 * the repository, and calls it over gRPC (Configure, Check, Diff, Create, Read, Update, Delete).
 *
 * No kinder than the engine: only the program's inputs (check, create, update's news) get `__provider`
 * added, as the engine's registrations carry it. Stored properties (read, delete, diff and update olds)
 * are sent exactly as the caller passes them, i.e. as the engine stored them: create/update/read answers
 * come back with the host's `__provider`, a partial failure's properties without anything added. The
 * host gets a stand-in engine address that accepts TCP connections, like the engine's gRPC server;
 * `killEngine()` closes it, as a SIGKILL of the CLI would.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const grpc = require("@grpc/grpc-js");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const URN = "urn:pulumi:test::kore::pulumi-nodejs:dynamic/kore:VoiceCampaign::campaign";
/** The URN the engine gives a ContactList (its type token is `pulumi-nodejs:dynamic/kore:ContactList`). */
export const CONTACT_LIST_URN = "urn:pulumi:test::kore::pulumi-nodejs:dynamic/kore:ContactList::list";
/** The URNs of the native plugin's resources. */
export const NATIVE_CAMPAIGN_URN = "urn:pulumi:test::kore::kore:index:VoiceCampaign::campaign";
export const NATIVE_SMS_CAMPAIGN_URN = "urn:pulumi:test::kore::kore:index:SmsCampaign::sms";
export const NATIVE_CONTACT_LIST_URN = "urn:pulumi:test::kore::kore:index:ContactList::list";

/** The serialized provider of a VoiceCampaign (or an SmsCampaign, or a ContactList), exactly as a Pulumi program would store it. */
export async function serializedProvider(resource: "VoiceCampaign" | "SmsCampaign" | "ContactList" = "VoiceCampaign"): Promise<string> {
  let captured: string | undefined;
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        if (typeof args.inputs.__provider === "string") captured = args.inputs.__provider;
        return { id: "mock-id", state: args.inputs };
      },
      call: () => ({}),
    },
    "kore",
    "test",
    false,
  );
  const pkg = require("pulumi-kore-campaigns") as typeof import("pulumi-kore-campaigns");
  const made =
    resource === "VoiceCampaign"
      ? new pkg.VoiceCampaign("campaign", { name: "captured" } as never)
      : resource === "SmsCampaign"
        ? new pkg.SmsCampaign("sms", { name: "captured" } as never)
        : new pkg.ContactList("list", { name: "captured" } as never);
  await new Promise<void>((resolve) => made.urn.apply(() => resolve()));
  if (!captured) throw new Error(`the ${resource} did not hand a serialized provider to the engine`);
  return captured;
}

/** A folder outside the repository where only `node_modules/pulumi-kore-campaigns` points back at it. */
export function programFolderOutsideRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-program-"));
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-kore-campaigns"), "dir");
  return dir;
}

type Props = Record<string, unknown>;

export interface CheckAnswer {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}

export interface DiffAnswer {
  changes: "none" | "some" | "unknown";
  replaces: string[];
}

/** The engine's view of a Diff answer with its detail: the top-level keys it names, and each path's kind (provider.proto's PropertyDiff.Kind). */
export interface DetailedDiffAnswer extends DiffAnswer {
  diffs: string[];
  hasDetailedDiff: boolean;
  detailedDiff: Record<string, { kind: number; inputDiff: boolean }>;
}

export interface HostError extends Error {
  details?: string;
  /** set when the host reported ErrorResourceInitFailed: the resource exists and stays in state */
  initFailedId?: string;
  initFailedProperties?: Props;
}

/** The error a call to the host failed with (a test that expects the call to succeed fails here). */
export async function failureOf(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (err) {
    return err as HostError;
  }
  throw new Error("expected a failure");
}

export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: any,
    private readonly provider: string,
    readonly logs: string[],
    private readonly engine: net.Server,
    private readonly urn: string = URN,
  ) {}

  /** The same host process, calling as another resource (its serialized provider and URN), as the engine does for a second type. */
  forResource(provider: string, urn: string): ProviderHost {
    return new ProviderHost(this.child, this.client, provider, this.logs, this.engine, urn);
  }

  /**
   * The native plugin (bin/pulumi-resource-kore) instead of the dynamic host, started as the engine starts it;
   * resources are addressed by their `kore:index:*` URNs (`urn`: NATIVE_CAMPAIGN_URN unless given) and no `__provider` is sent.
   */
  static async startNative(options: { env: NodeJS.ProcessEnv; cwd?: string; urn?: string }): Promise<ProviderHost> {
    return ProviderHost.start({ ...options, provider: "", script: path.join(REPO_ROOT, "dist", "provider", "pulumi", "native", "main.js"), urn: options.urn ?? NATIVE_CAMPAIGN_URN });
  }

  static async start(options: { provider: string; env: NodeJS.ProcessEnv; cwd?: string; script?: string; urn?: string }): Promise<ProviderHost> {
    const script = options.script ?? require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js");
    const cwd = options.cwd ?? programFolderOutsideRepo();
    const engine = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => engine.listen(0, "127.0.0.1", resolve));
    const engineAddress = `127.0.0.1:${(engine.address() as net.AddressInfo).port}`;
    const child = spawn(process.execPath, [script, engineAddress], {
      cwd,
      // PULUMI_HOME: the create journal lives there; each host of a test file gets one that is not the user's
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PULUMI_HOME: path.join(cwd, ".pulumi-home"), PULUMI_PROJECT: "kore", PULUMI_STACK: "test", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const logs: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => logs.push(chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n")) {
          child.stdout!.off("data", onData);
          child.stdout!.on("data", (c: Buffer) => logs.push(c.toString()));
          resolve(Number(line.trim()));
        }
      };
      child.stdout!.on("data", onData);
      child.once("exit", (code) => reject(new Error(`provider host exited with ${code}: ${logs.join("")}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new ProviderHost(child, client, options.provider, logs, engine, options.urn);
  }

  /** The serialized provider, as the engine stores it beside every resource's properties. */
  get providerString(): string {
    return this.provider;
  }

  /** Closes the stand-in engine address, as when the CLI is killed. */
  async killEngine(): Promise<void> {
    await new Promise<void>((resolve) => this.engine.close(() => resolve()));
  }

  /** Resolves with the exit code once the host process has ended. */
  exited(): Promise<number | null> {
    if (this.child.exitCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** The host process's pid (benchmarks read its memory from /proc). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client[method](request, (err: any, response: T) => {
        if (!err) return resolve(response);
        const error: HostError = new Error(err.details ?? err.message);
        error.details = err.details;
        const bin = err.metadata?.get?.("grpc-status-details-bin")?.[0];
        if (bin) {
          const statusproto = require("@pulumi/pulumi/proto/status_pb");
          const status = statusproto.Status.deserializeBinary(bin);
          for (const any of status.getDetailsList()) {
            const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
            error.initFailedId = detail.getId();
            error.initFailedProperties = detail.getProperties()?.toJavaScript();
          }
        }
        reject(error);
      });
    });
  }

  /** Program inputs: the engine's registration carries the serialized provider. */
  private inputs(props: Props): unknown {
    return structproto.Struct.fromJavaScript(this.provider === "" ? props : { ...props, __provider: this.provider });
  }

  /** Stored properties: exactly as given. */
  private stored(props: Props): unknown {
    return structproto.Struct.fromJavaScript(props);
  }

  /** Without `__provider`, for comparing inputs with what a test wrote. */
  static plain(props: Props): Props {
    const { __provider: _p, ...rest } = props;
    return rest;
  }

  async configure(config: Record<string, string> = {}): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(structproto.Struct.fromJavaScript(config));
    await this.call("configure", req);
  }

  /** CheckConfig, as the engine sends it for a provider's inputs (a `--plaintext` config value arrives plain). */
  async checkConfig(news: Props, olds: Props = {}): Promise<CheckAnswer> {
    const req = new provproto.CheckRequest();
    req.setUrn("urn:pulumi:test::kore::pulumi:providers:kore::default");
    req.setOlds(this.stored(olds));
    req.setNews(this.stored(news));
    const resp = await this.call<any>("checkConfig", req);
    return { inputs: resp.getInputs()?.toJavaScript() ?? {}, failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })) };
  }

  async check(news: Props, olds: Props = {}): Promise<CheckAnswer> {
    const req = new provproto.CheckRequest();
    req.setUrn(this.urn);
    req.setOlds(this.stored(olds));
    req.setNews(this.inputs(news));
    const resp = await this.call<any>("check", req);
    return {
      inputs: ProviderHost.plain(resp.getInputs().toJavaScript()),
      failures: resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(id: string, olds: Props, news: Props): Promise<DiffAnswer> {
    const { changes, replaces } = await this.detailedDiff(id, olds, news);
    return { changes, replaces };
  }

  /** Diff with what the engine prints from it: `diffs` and the detailed diff (the native plugin answers one). */
  async detailedDiff(id: string, olds: Props, news: Props): Promise<DetailedDiffAnswer> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(this.urn);
    req.setOlds(this.stored(olds));
    req.setNews(this.inputs(news));
    const resp = await this.call<any>("diff", req);
    const kinds: Record<number, DiffAnswer["changes"]> = { 0: "unknown", 1: "none", 2: "some" };
    const detailedDiff: DetailedDiffAnswer["detailedDiff"] = {};
    resp.getDetaileddiffMap().forEach((pd: any, path: string) => (detailedDiff[path] = { kind: pd.getKind(), inputDiff: pd.getInputdiff() }));
    return { changes: kinds[resp.getChanges()], replaces: resp.getReplacesList(), diffs: resp.getDiffsList(), hasDetailedDiff: resp.getHasdetaileddiff(), detailedDiff };
  }

  /** `outs` as the engine stores them (with the host's `__provider`). */
  async create(inputs: Props): Promise<{ id: string; outs: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(this.urn);
    req.setProperties(this.inputs(inputs));
    const resp = await this.call<any>("create", req);
    return { id: resp.getId(), outs: resp.getProperties().toJavaScript() };
  }

  async read(id: string, outs: Props, inputs: Props = {}): Promise<{ id: string; outs: Props; inputs?: Props }> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(this.urn);
    req.setProperties(this.stored(outs));
    req.setInputs(this.stored(inputs));
    const resp = await this.call<any>("read", req);
    const respInputs = resp.getInputs();
    return {
      id: resp.getId(),
      outs: resp.getProperties()?.toJavaScript() ?? {},
      inputs: respInputs ? ProviderHost.plain(respInputs.toJavaScript()) : undefined,
    };
  }

  async update(id: string, olds: Props, news: Props): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(this.urn);
    req.setOlds(this.stored(olds));
    req.setNews(this.inputs(news));
    const resp = await this.call<any>("update", req);
    return resp.getProperties().toJavaScript();
  }

  async delete(id: string, outs: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(this.urn);
    req.setProperties(this.stored(outs));
    await this.call("delete", req);
  }

  async stop(): Promise<void> {
    this.client.close();
    this.engine.close();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    await exited;
  }
}
