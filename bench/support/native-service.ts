/**
 * The native plugin's gRPC service (`dist/provider/pulumi/native/service.js`, the class `pulumi-resource-kore`
 * serves) driven in this process, without a socket: what the plugin does per call is measured, the engine's part
 * is not. Each request arrives as bytes (built and serialized before any clock starts, as the engine sends them),
 * is deserialized as grpc-js does on the server side, handled, and the answer serialized. The service shares the
 * built hooks' module with `support/hooks.ts` (the same file, by the package's own name), so `useEmulator` points
 * both adapters at an emulator.
 */
import * as path from "node:path";
import { REPO_ROOT } from "./common";
import type { Args } from "./inputs";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const structproto = require("google-protobuf/google/protobuf/struct_pb");

export const NATIVE_CAMPAIGN_URN = "urn:pulumi:bench::kore::kore:index:VoiceCampaign::campaign";

type Handler = (call: { request: any }, done: (err: unknown, resp: any) => void) => void;

export class NativeService {
  private constructor(private readonly service: Record<string, Handler>) {}

  /** The service, configured with no arguments: connection and limits come from the KORE_* variables. */
  static async start(): Promise<NativeService> {
    const { KoreProviderService } = require(path.join(REPO_ROOT, "dist", "provider", "pulumi", "native", "service.js"));
    const native = new NativeService(new KoreProviderService("0.0.0-bench"));
    const req = new provproto.ConfigureRequest();
    req.setArgs(structproto.Struct.fromJavaScript({}));
    await native.call("configure", req.serializeBinary(), provproto.ConfigureRequest);
    return native;
  }

  private call(method: string, bytes: Uint8Array, type: { deserializeBinary(b: Uint8Array): any }): Promise<any> {
    const request = type.deserializeBinary(bytes);
    return new Promise((resolve, reject) =>
      this.service[method]({ request }, (err, resp) => {
        if (err) return reject(err);
        resp.serializeBinary(); // the answer goes back on the wire
        resolve(resp);
      }),
    );
  }

  /** A Check request for new inputs, as bytes (build these before timing). */
  static checkRequest(args: Args): Uint8Array {
    const req = new provproto.CheckRequest();
    req.setUrn(NATIVE_CAMPAIGN_URN);
    req.setOlds(structproto.Struct.fromJavaScript({}));
    req.setNews(structproto.Struct.fromJavaScript(args));
    return req.serializeBinary();
  }

  /** Check, then Create with the checked inputs, as the engine calls them for a new resource; the new id. */
  async checkAndCreate(checkBytes: Uint8Array): Promise<string> {
    const checked = await this.call("check", checkBytes, provproto.CheckRequest);
    const failures = checked.getFailuresList();
    if (failures.length > 0) throw new Error(`check failed: ${failures.map((f: any) => f.getReason()).join("; ")}`);
    const create = new provproto.CreateRequest();
    create.setUrn(NATIVE_CAMPAIGN_URN);
    create.setProperties(checked.getInputs());
    const created = await this.call("create", create.serializeBinary(), provproto.CreateRequest);
    return created.getId();
  }
}
