/**
 * provider/shared/secret-envelope.ts: the envelope written once, checked against the SDK that the engine's
 * wire format comes from (so an SDK upgrade that moved it fails here, not in a review that shows a secret).
 */
import { isSecret, isSigned, secretOf, SECRET_SIG, SIG_KEY, unwrapSecret } from "../../provider/shared/secret-envelope";

/* eslint-disable @typescript-eslint/no-require-imports */
const rpc = require("@pulumi/pulumi/runtime/rpc") as { specialSigKey: string; specialSecretSig: string; isRpcSecret(v: unknown): boolean; unwrapRpcSecret(v: unknown): unknown };

test("the constants are the SDK's specialSigKey and specialSecretSig", () => {
  expect(SIG_KEY).toBe(rpc.specialSigKey);
  expect(SECRET_SIG).toBe(rpc.specialSecretSig);
});

test("a secret made here is one for the SDK, and the helpers answer as the SDK's isRpcSecret and unwrapRpcSecret", () => {
  // the envelope as the engine sends it (provider.proto's Struct), written out by hand
  const fromEngine = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" };
  const asset = { "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17", path: "a.txt" };
  expect(secretOf("s3cret")).toEqual(fromEngine);
  for (const v of [fromEngine, asset, { value: "x" }, "plain", null, [fromEngine], { nested: fromEngine }]) {
    expect(isSecret(v)).toBe(Boolean(rpc.isRpcSecret(v))); // the SDK answers null for null
    expect(unwrapSecret(v)).toEqual(rpc.unwrapRpcSecret(v));
  }
  expect(unwrapSecret(fromEngine)).toBe("s3cret");
  expect(isSecret(asset)).toBe(false);
});

test("isSigned: any value carrying the signature key, whatever its signature (the review never shows one)", () => {
  expect(isSigned({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1ddbc9f3", value: "x" })).toBe(true);
  expect(isSigned({ "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17" })).toBe(true);
  expect(isSigned({ value: "x" })).toBe(false);
  expect(isSigned(["4dabf18193072939515e22adb298388d"])).toBe(false);
});
