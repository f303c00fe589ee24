/**
 * A warning for the person running `pulumi up`, from inside the provider process. The engine starts every
 * provider (the dynamic-provider host and the native plugin alike) with the address of its own gRPC
 * server, which serves the Engine service's `Log`: a message sent there with severity WARNING is printed
 * by the CLI as a `warning:` diagnostic (in preview and up, and in the summary). `pulumi.log.warn` does
 * not reach it from a provider: the SDK's log finds no engine in a provider process and falls back to
 * the console. When the engine cannot be reached, the warning goes to stderr, which the engine also shows.
 */
import * as grpc from "@grpc/grpc-js";
import { engineAddressFrom } from "./engine-liveness";

/* eslint-disable @typescript-eslint/no-require-imports */
const engrpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engproto = require("@pulumi/pulumi/proto/engine_pb");

const address = engineAddressFrom(process.argv.slice(2));
let client: { log(req: unknown, meta: grpc.Metadata, opts: Partial<grpc.CallOptions>, cb: (err: Error | null) => void): void } | undefined;

/** Sends `message` as a warning (on `urn`'s resource when known); resolves once it is delivered or written to stderr. */
export function warnUser(message: string, urn = ""): Promise<void> {
  return new Promise((resolve) => {
    const fallback = () => {
      process.stderr.write(`warning: ${message}\n`);
      resolve();
    };
    if (!address) return fallback();
    try {
      client ??= new engrpc.EngineClient(address, grpc.credentials.createInsecure());
      const req = new engproto.LogRequest();
      req.setSeverity(engproto.LogSeverity.WARNING);
      req.setMessage(message);
      req.setUrn(urn);
      client!.log(req, new grpc.Metadata(), { deadline: Date.now() + 5000 }, (err) => (err ? fallback() : resolve()));
    } catch {
      fallback();
    }
  });
}
