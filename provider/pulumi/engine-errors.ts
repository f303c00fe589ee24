/**
 * Errors as the engine gets them from the hooks: one line of text with secrets scrubbed, no stack trace into
 * this package, and a partial failure's id and properties so that state keeps the resource.
 *
 * The dynamic-provider host prints every read/delete/check/diff error to stderr as `${err}: ${err.stack}`
 * besides returning it; the engine shows both. `reportOnce` remembers each error it shapes, and the filter
 * `dropDuplicateErrorPrints` installs (once, from the process's start: provider-process.ts) drops that one
 * duplicate print, so a user sees one clean message.
 */
import { redactSecrets } from "../kore-api/errors";
import { PartialFailure } from "../shared/partial-failure";
import { withoutUndefined } from "../shared/properties";
import { messageOf } from "../util/values";
import { secretsOf, type ResolvedConnection } from "./connection";

/** The property holding the serialized provider: the host adds it back to answers, but not to a partial failure's. */
export const PROVIDER_KEY = "__provider";

/** Errors already handed to the engine, whose duplicate print by the host is dropped. */
const reportedToEngine = new Set<string>();
let filtering = false;

/** Drops the host's `console.error` print of an error `reportOnce` made; every other print passes. Idempotent. */
export function dropDuplicateErrorPrints(): void {
  if (filtering) return;
  filtering = true;
  const printError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string" && reportedToEngine.delete(args[0])) return;
    printError(...args);
  };
}

/** An error for the engine: one line of text, no stack trace into this module; the host's copy of it is not printed. */
export function reportOnce(message: string, extra: Record<string, unknown> = {}): Error {
  const err = Object.assign(new Error(message), extra);
  err.stack = message;
  reportedToEngine.add(`${err}: ${err.stack}`);
  return err;
}

/** Rethrows for the engine with secrets scrubbed; a partial failure carries the id (and `__provider`) so state keeps the resource. */
export function forEngine(err: unknown, conn: ResolvedConnection | undefined, provider: unknown): Error {
  const secrets = conn ? secretsOf(conn) : [];
  const message = redactSecrets(messageOf(err), secrets);
  if (err instanceof PartialFailure) {
    const properties = withoutUndefined({ ...err.outputs, [PROVIDER_KEY]: provider });
    return reportOnce(message, { id: err.id, properties, reasons: [message] });
  }
  return reportOnce(message);
}
