/** KoreApiError's message format, and secrets redacted from every way an error can be printed. */
import { inspect } from "node:util";
import { KoreApiError, REDACTED, ValidationError, redactSecrets, sanitizeError } from "../../provider/kore-api/errors";

const SECRET = "Zx9-client-secret/with+chars";
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJlLWJ5dGVz";

/** Every way an error ends up in a log. */
function printed(err: Error): string {
  return [String(err), err.message, err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 10 })].join("\n");
}

describe("redactSecrets", () => {
  test("replaces each secret wherever it appears", () => {
    expect(redactSecrets(`a ${SECRET} b ${SECRET}`, [SECRET])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  test("also its URL-encoded and JSON-escaped forms", () => {
    const quoted = 'pass"word\\x';
    expect(redactSecrets(`q=${encodeURIComponent(SECRET)}`, [SECRET])).toBe(`q=${REDACTED}`);
    expect(redactSecrets(JSON.stringify({ s: quoted }), [quoted])).toBe(`{"s":"${REDACTED}"}`);
  });

  test("removes a longer secret whole when it contains a shorter one", () => {
    expect(redactSecrets("abc-long-secret", ["abc", "abc-long-secret"])).toBe(REDACTED);
  });

  test("scrubs JWT-looking strings even when nobody registered them", () => {
    expect(redactSecrets(`token ${JWT} rejected`)).toBe(`token ${REDACTED} rejected`);
  });

  test("scrubs written-out auth header values but keeps plain words readable", () => {
    expect(redactSecrets("headers: {auth: abcdefghijklmnopqrstuvwxyz}")).toBe(`headers: {auth: ${REDACTED}}`);
    expect(redactSecrets('{"authorization":"Bearer 0123456789abcdef0123"}')).toBe(`{"authorization":"${REDACTED}"}`);
    expect(redactSecrets("auth: failed")).toBe("auth: failed");
  });

  test("ignores empty and missing secrets", () => {
    expect(redactSecrets("nothing to hide", ["", undefined])).toBe("nothing to hide");
  });
});

describe("KoreApiError", () => {
  test("message: method, path with query, status, Kore's words, Kore's code", () => {
    const err = new KoreApiError({
      method: "PUT",
      path: "/agentassist/api/v1/public/st-x/campaign/cd-1?campaignType=voice",
      status: 400,
      koreMessage: "dialingStrategy.maxRingTime must be ...",
      koreCode: 400,
      attempts: 1,
    });
    expect(err.message).toBe(
      "Kore.ai API PUT /agentassist/api/v1/public/st-x/campaign/cd-1?campaignType=voice failed: 400 dialingStrategy.maxRingTime must be ... (code 400)",
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("KoreApiError");
    expect(err).toMatchObject({ method: "PUT", status: 400, koreCode: 400, outcomeUnknown: false, attempts: 1 });
  });

  test("without a response: the detail says what happened; status is undefined", () => {
    const err = new KoreApiError({ method: "GET", path: "/p", code: "ECONNRESET", detail: "the connection closed", attempts: 3 });
    expect(err.message).toBe("Kore.ai API GET /p failed: the connection closed");
    expect(err.status).toBeUndefined();
    expect(err.code).toBe("ECONNRESET");
  });

  test("secrets are scrubbed from message, Kore's message, stack, JSON and inspect, cause chain included", () => {
    const inner = Object.assign(new Error(`socket said auth: ${JWT}`), { code: "UND_ERR_SOCKET", headers: { auth: JWT }, secret: SECRET });
    const outer = new Error(`request with secret ${SECRET} failed`, { cause: inner });
    const err = new KoreApiError({
      method: "POST",
      path: "/x",
      status: 401,
      koreMessage: `bad token ${JWT} for ${SECRET}`,
      detail: `retrying with ${SECRET}`,
      cause: outer,
      secrets: [SECRET],
    });
    const text = printed(err);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(JWT);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
    expect(text).toContain(REDACTED);
    // the chain is kept (for diagnosis), scrubbed, without undici's extra properties
    const cause = err.cause as Error & { cause?: Error & { code?: string } };
    expect(cause.message).toBe(`request with secret ${REDACTED} failed`);
    expect(cause.cause?.code).toBe("UND_ERR_SOCKET");
    expect(cause.cause).not.toHaveProperty("headers");
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: "KoreApiError", status: 401, method: "POST" });
  });
});

describe("sanitizeError", () => {
  test("keeps name, code and a scrubbed stack; accepts non-errors", () => {
    const e = Object.assign(new TypeError(`x ${SECRET}`), { code: "E_X" });
    const copy = sanitizeError(e, [SECRET]) as Error & { code?: string };
    expect(copy.name).toBe("TypeError");
    expect(copy.code).toBe("E_X");
    expect(copy.stack).not.toContain(SECRET);
    expect(sanitizeError({ token: JWT }).message).not.toContain(JWT);
  });
});

describe("ValidationError", () => {
  test("lists each failure with its path", () => {
    const err = new ValidationError("Invalid Kore.ai host", [{ path: "host", message: "must use https://" }]);
    expect(err.message).toBe("Invalid Kore.ai host\n  - host: must use https://");
    expect(err.failures).toEqual([{ path: "host", message: "must use https://" }]);
  });
});
