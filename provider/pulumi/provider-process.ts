/**
 * What a provider process starts, once, and only when its entry point asks (never on import): the watchdog
 * that ends the process once the engine that started it is gone, and the filter that drops the host's
 * duplicate print of an error already handed to the engine (engine-errors.ts).
 *
 * Who asks: the native plugin's main(), at start-up; the dynamic provider's `configure` (session.ts's
 * `configureFrom`), which the dynamic-provider host calls before any other hook of a serialized provider
 * (`getProvider` in @pulumi/pulumi/cmd/dynamic-provider), so the watch begins with the first call, as it did
 * when it started on loading the hooks.
 */
import { dropDuplicateErrorPrints } from "./engine-errors";
import { engineAddressFrom, EngineLiveness } from "./engine-liveness";

/** The engine that started this process (its gRPC address is the host's last argument); none in a library use. */
export const engine = new EngineLiveness(engineAddressFrom(process.argv.slice(2)));

let started = false;

/** Starts the watchdog (a probe every 500 ms that does not keep the process alive) and the error filter. Idempotent. */
export function startProviderProcess(): void {
  if (started) return;
  started = true;
  dropDuplicateErrorPrints();
  engine.watch(500, () => {
    // Whatever is still in flight belongs to a deployment nobody will record: end it now.
    process.stderr.write(`pulumi-kore-campaigns: the Pulumi engine (${engine.address}) is gone; the provider exits without further calls\n`);
    process.exit(1);
  });
}
