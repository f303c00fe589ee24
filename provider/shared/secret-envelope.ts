/**
 * Pulumi's secret envelope, `{ [SIG_KEY]: SECRET_SIG, value }`, as the engine sends it over gRPC and prints it in
 * a preview: the one place the native plugin (unwrap, wrap) and the review (never show one) read it.
 *
 * The two constants are the SDK's `specialSigKey` and `specialSecretSig` (`@pulumi/pulumi/runtime/rpc`), written
 * here rather than loaded: this layer never loads Pulumi (tests/structure/layers.test.ts), and the validate and
 * review commands would pay ~190 ms for it. tests/shared/secret-envelope.test.ts checks they are the SDK's, and
 * that these helpers answer as the SDK's `isRpcSecret` and `unwrapRpcSecret` do.
 */
import { isRecord } from "../util/values";

/** The key that marks any of Pulumi's special values (a secret, an asset, an archive, an output). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The value of `SIG_KEY` that says "a secret". */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A secret envelope (the SDK's `isRpcSecret`). */
export const isSecret = (value: unknown): value is { value: unknown } => isRecord(value) && value[SIG_KEY] === SECRET_SIG;

/** What a secret holds; anything else as it is (the SDK's `unwrapRpcSecret`). */
export const unwrapSecret = (value: unknown): unknown => (isSecret(value) ? value.value : value);

/** `value` as a secret. */
export const secretOf = (value: unknown): Record<string, unknown> => ({ [SIG_KEY]: SECRET_SIG, value });

/** Any special value (whatever its signature): what the review never shows, since a pull request may sign one as it likes. */
export const isSigned = (value: unknown): boolean => isRecord(value) && SIG_KEY in value;
