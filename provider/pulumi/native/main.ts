#!/usr/bin/env node
/**
 * `pulumi-resource-kore`: the native provider plugin. The engine starts it with its own address as the
 * last argument; it serves the ResourceProvider service on a free loopback port and prints the port.
 * Run as a program only: loading the module starts nothing.
 */
import * as grpc from "@grpc/grpc-js";
import { startProviderProcess } from "../provider-process";
import { KoreProviderService } from "./service";

/* eslint-disable @typescript-eslint/no-require-imports */
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// by the package's own name (self-reference through its exports), wherever the compiled file sits
const { version } = require("pulumi-kore-campaigns/package.json") as { version: string };

async function main(): Promise<void> {
  startProviderProcess(); // the engine watchdog and the error filter, before the first call can arrive
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, new KoreProviderService(version) as never);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  process.stdout.write(`${port}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`pulumi-resource-kore: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
