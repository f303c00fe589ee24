/** The JWT in Kore's `auth` header, as api-introduction.md describes it (HS256, claim `appId` = client id). */
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { createTokenSource, mintJwt } from "../../provider/kore-api/auth";
import { ValidationError } from "../../provider/kore-api/errors";

const creds = { clientId: "cs-5f0e6a0b-1c2d-4e3f-8a9b-0c1d2e3f4a5b", clientSecret: "s3cr3t-client-secret-value" };
const key = new TextEncoder().encode(creds.clientSecret);

describe("mintJwt", () => {
  test("signs HS256 with the client secret, typ JWT", async () => {
    const token = await mintJwt(creds);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256", typ: "JWT" });
    await expect(jwtVerify(token, key, { algorithms: ["HS256"] })).resolves.toBeTruthy();
    await expect(jwtVerify(token, new TextEncoder().encode("another secret"))).rejects.toThrow();
  });

  test("carries appId (spelled exactly so) and sub = the client id, iat, exp 5 minutes later, a uuid jti", async () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = decodeJwt(await mintJwt(creds));
    const after = Math.floor(Date.now() / 1000);
    expect(claims.appId).toBe(creds.clientId);
    expect(claims.sub).toBe(creds.clientId);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(after);
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(claims).sort()).toEqual(["appId", "exp", "iat", "jti", "sub"]);
  });

  test("takes the clock and lifetime from options", async () => {
    const claims = decodeJwt(await mintJwt(creds, { nowMs: () => 1_750_000_000_500, ttlSeconds: 60 }));
    expect(claims.iat).toBe(1_750_000_000);
    expect(claims.exp).toBe(1_750_000_060);
  });

  test("never repeats a jti", async () => {
    const tokens = await Promise.all(Array.from({ length: 200 }, () => mintJwt(creds)));
    const jtis = new Set(tokens.map((t) => decodeJwt(t).jti));
    expect(jtis.size).toBe(200);
  });
});

describe("createTokenSource", () => {
  test("client credentials: a fresh token (new jti) on every call; the secret is registered for redaction", async () => {
    const source = createTokenSource(creds);
    const [a, b] = [await source.token(), await source.token()];
    expect(a).not.toBe(b);
    expect(decodeJwt(a).jti).not.toBe(decodeJwt(b).jti);
    expect(source.secrets).toEqual([creds.clientSecret]);
  });

  test("a ready-made JWT is used as is, and registered for redaction", async () => {
    const jwt = await mintJwt(creds);
    const source = createTokenSource({ jwt });
    expect(await source.token()).toBe(jwt);
    expect(await source.token()).toBe(jwt);
    expect(source.secrets).toEqual([jwt]);
  });

  test.each([
    [{ clientId: "", clientSecret: "x" }, "clientId"],
    [{ clientId: "cs-1", clientSecret: "" }, "clientSecret"],
    [{ jwt: "" }, "jwt"],
    [{ jwt: "eyJ a.b" }, "jwt"],
    [{ jwt: "eyJa.b.c\r\nx-evil: 1" }, "jwt"],
  ])("refuses %j before any request", (bad, field) => {
    let err: unknown;
    try {
      createTokenSource(bad as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).failures.map((f) => f.path)).toContain(field);
    expect(String((err as Error).message)).not.toContain("eyJa.b.c");
  });
});
