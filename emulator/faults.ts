/**
 * Fault injection: scripted faults (failNext) first, then a token-bucket rate limit, then seeded random faults.
 * `decide()` is the only entry point; it draws the same number of random values for every request so a seed
 * gives the same faults for the same sequence of requests.
 */
import type { FaultConfig, ScriptedFault } from "./types";

export type FaultDecision =
  /** Handle the request; with `ambiguous`, destroy the socket instead of answering. */
  | { kind: "pass"; delayMs: number; ambiguous: boolean; fault?: string }
  /** Answer `status` with the standard error body instead of handling the request. */
  | { kind: "answer"; delayMs: number; status: number; retryAfterSeconds?: number; fault: string }
  /** Destroy the socket without answering. */
  | { kind: "drop"; delayMs: number; fault: string };

export interface FaultRequest {
  method: string;
  /** Path and query string. */
  target: string;
  isCreate: boolean;
}

/** mulberry32: a small, good-enough seeded PRNG returning [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token bucket holding up to `rate` tokens, refilled at `rate` per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    now: number,
  ) {
    this.tokens = Math.max(1, rate);
    this.last = now;
  }

  /** Takes a token, or tells how long until one is available. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    const capacity = Math.max(1, this.rate);
    this.tokens = Math.min(capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: ((1 - this.tokens) / this.rate) * 1000 };
  }
}

const ERROR_STATUSES = [500, 502, 503];
const DEFAULT_SEED = 1;

function checkShare(name: string, v: number | undefined): void {
  if (v !== undefined && !(v >= 0 && v <= 1)) throw new RangeError(`emulator faults: ${name} must be between 0 and 1 (got ${v})`);
}

export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number = seededRandom(DEFAULT_SEED);
  private bucket: TokenBucket | undefined;
  private scripted: (ScriptedFault & { remaining: number })[] = [];

  constructor(
    config: FaultConfig = {},
    private readonly now: () => number = Date.now,
  ) {
    this.set(config);
  }

  /** Replaces the probabilistic configuration and restarts the PRNG from the seed. */
  set(config: FaultConfig): void {
    for (const k of ["errorRate", "rateLimit429Rate", "dropRate", "ambiguousCreateRate"] as const) checkShare(k, config[k]);
    if (config.redirectTo !== undefined && !/^https?:\/\/[^/?#]+$/.test(config.redirectTo)) {
      throw new RangeError(`emulator faults: redirectTo must be an origin such as https://elsewhere.example (got ${JSON.stringify(config.redirectTo).slice(0, 60)})`);
    }
    if (config.clockSkewSeconds !== undefined && !Number.isFinite(config.clockSkewSeconds)) {
      throw new RangeError(`emulator faults: clockSkewSeconds must be a number (got ${config.clockSkewSeconds})`);
    }
    if (config.maxRequestsPerSecond !== undefined && !(config.maxRequestsPerSecond > 0)) {
      throw new RangeError(`emulator faults: maxRequestsPerSecond must be > 0 (got ${config.maxRequestsPerSecond})`);
    }
    this.config = { ...config };
    this.random = seededRandom(config.seed ?? DEFAULT_SEED);
    this.bucket = config.maxRequestsPerSecond ? new TokenBucket(config.maxRequestsPerSecond, this.now()) : undefined;
  }

  /** The configuration in force (read by the pipeline for the redirect, clock-skew and shape modes). */
  get current(): Readonly<FaultConfig> {
    return this.config;
  }

  failNext(rule: ScriptedFault): void {
    const remaining = rule.count ?? 1;
    if (!(Number.isInteger(remaining) && remaining >= 1)) throw new RangeError(`emulator failNext: count must be an integer >= 1 (got ${rule.count})`);
    this.scripted.push({ ...rule, remaining });
  }

  /** Forgets pending scripted faults. */
  clearScripted(): void {
    this.scripted = [];
  }

  decide(req: FaultRequest): FaultDecision {
    const scripted = this.takeScripted(req);
    if (scripted) return scripted;
    const delayMs = this.config.latencyMs ?? 0;
    if (this.bucket) {
      const taken = this.bucket.take(this.now());
      if (!taken.ok) {
        return { kind: "answer", delayMs, status: 429, retryAfterSeconds: Math.max(1, Math.ceil(taken.waitMs / 1000)), fault: "throttle" };
      }
    }
    // Always five draws, whatever the outcome, so the sequence only depends on the number of requests.
    const [drop, error, which, limited, ambiguous] = [this.random(), this.random(), this.random(), this.random(), this.random()];
    const c = this.config;
    if (drop < (c.dropRate ?? 0)) return { kind: "drop", delayMs, fault: "drop" };
    if (error < (c.errorRate ?? 0)) {
      return { kind: "answer", delayMs, status: ERROR_STATUSES[Math.floor(which * ERROR_STATUSES.length)], fault: "error" };
    }
    if (limited < (c.rateLimit429Rate ?? 0)) {
      return { kind: "answer", delayMs, status: 429, retryAfterSeconds: c.retryAfterSeconds ?? 1, fault: "rate-limit" };
    }
    if (req.isCreate && ambiguous < (c.ambiguousCreateRate ?? 0)) return { kind: "pass", delayMs, ambiguous: true, fault: "ambiguous" };
    return { kind: "pass", delayMs, ambiguous: false };
  }

  private takeScripted(req: FaultRequest): FaultDecision | undefined {
    const i = this.scripted.findIndex(
      (r) => (!r.method || r.method.toUpperCase() === req.method.toUpperCase()) && (!r.pathIncludes || req.target.includes(r.pathIncludes)),
    );
    if (i < 0) return undefined;
    const rule = this.scripted[i];
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.scripted.splice(i, 1);
    const delayMs = rule.delayMs ?? 0;
    if (rule.drop) return { kind: "drop", delayMs, fault: "drop" };
    if (rule.status !== undefined) {
      const retryAfterSeconds = rule.retryAfterSeconds ?? (rule.status === 429 ? 1 : undefined);
      return { kind: "answer", delayMs, status: rule.status, retryAfterSeconds, fault: "scripted-status" };
    }
    if (rule.ambiguous) return { kind: "pass", delayMs, ambiguous: true, fault: "ambiguous" };
    return { kind: "pass", delayMs, ambiguous: false, fault: "delay" };
  }
}
