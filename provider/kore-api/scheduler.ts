/**
 * `AdaptiveScheduler`: the request scheduler shared by every campaign of one provider process that
 * talks to the same Kore.ai app (host + appId). It wraps each HTTP attempt of `KoreClient` (the
 * client's `scheduler` option) and enforces, per app:
 *
 * - a concurrency cap: at most `maxConcurrency` attempts in flight (a slot is held until the
 *   attempt's response has ended);
 * - a request rate: a token bucket refilled at the current rate, holding at most one second's worth
 *   (`max(1, rate)` tokens), so a stack of hundreds of campaigns starts as a short burst and then a
 *   steady flow instead of a storm;
 * - adaptation to 429 (AIMD): `onRateLimited(retryAfterMs)` pauses every new attempt for that app
 *   until Retry-After has passed (at most `maxPauseMs`, 60 s), empties the bucket (one attempt goes when the pause ends, the rest
 *   follow at the new rate), and multiplies the rate by `decreaseFactor` (0.5), at most once per
 *   cooldown (the 429s of one burst are one signal, not twenty). Each attempt that ends with no 429
 *   reported since it started adds `increasePerSuccess` (default a fiftieth of the configured rate) back,
 *   up to the configured rate.
 *
 * Cost when nothing limits: a waiting-free fast path (a slot free, nobody queued, not paused, a token
 * in the bucket) is a clock read and a few comparisons: O(1), no timer, no queue. A timer exists only
 * while someone waits for a token or for a pause to end (one timer at a time); waiters blocked by the
 * concurrency cap are woken by the attempt that frees the slot. Waiters are served first come, first
 * served (a retry queues behind calls that were already waiting).
 *
 * Defaults, and how they read Kore's documentation (/work/shared/kore-api/rate-limits.md): the page lists
 * rolling per-minute and per-hour limits for other API families (bot definition, NLP, analytics, admin:
 * 60/min and 1800/h; notifications and data tables: 600/min and 18 000/h) and says nothing of the campaign
 * APIs. 10 requests per second (600 per minute) matches the highest documented per-minute tier, so a
 * `pulumi up` of 500 campaigns takes minutes, not an hour; should the campaign APIs be held to a lower tier,
 * the 429s with Retry-After bring the rate down (to at least `minRequestsPerSecond`, 0.5/s = 1800 per hour,
 * the lowest documented tier) and Retry-After itself is always honoured. 8 concurrent attempts keep a
 * fast server busy at that rate without opening a socket per campaign. The docs' advice ("spread out calls
 * evenly", "when the limit has been reached, stop making API calls; wait", "reduce the request frequency")
 * is what the bucket, the pause and the decrease do.
 *
 * Settings: stack config `kore:maxConcurrency` / `kore:maxRequestsPerSecond`, or the environment
 * `KORE_MAX_CONCURRENCY` / `KORE_MAX_REQUESTS_PER_SECOND` (read by settings.ts; `parseSchedulerSetting`
 * here). `unlimited` lifts a cap (for benchmarks against a local server); Retry-After pauses still apply.
 */
/**
 * A request scheduler (rate limiting across clients; `AdaptiveScheduler` below, shared per app by the
 * Pulumi adapter). `run` wraps each HTTP attempt; `onRateLimited` hears of every 429 with the wait Kore
 * asked for (or our backoff).
 */
export interface RequestScheduler {
  run<T>(fn: () => Promise<T>): Promise<T>;
  onRateLimited?(retryAfterMs: number): void;
}

export const DEFAULT_MAX_CONCURRENCY = 8;
export const DEFAULT_MAX_REQUESTS_PER_SECOND = 10;
/** The AIMD floor: 1800 per hour, Kore's lowest documented hourly limit. */
export const DEFAULT_MIN_REQUESTS_PER_SECOND = 0.5;

/** The two limits a user sets. `Infinity` lifts a cap. */
export interface SchedulerLimits {
  /** Attempts in flight at once, per app. Default 8. */
  maxConcurrency?: number;
  /** Attempts started per second, per app (the ceiling the adaptive rate recovers to). Default 10. */
  maxRequestsPerSecond?: number;
}

/** Time and timers, injectable for tests. `now()` is in milliseconds, monotonic. */
export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions extends SchedulerLimits {
  /** The adaptive rate never goes below this (or the configured rate, if lower). Default 0.5. */
  minRequestsPerSecond?: number;
  /** The rate is multiplied by this on a 429. Default 0.5. */
  decreaseFactor?: number;
  /** Rate added back per attempt that saw no 429. Default maxRequestsPerSecond / 50. */
  increasePerSuccess?: number;
  /** After a decrease, further 429s within max(Retry-After, this) do not decrease again. Default 1000 ms. */
  decreaseCooldownMs?: number;
  /**
   * The longest pause one 429 imposes. Default 60 000 ms, the client's retry budget: a call told to wait longer
   * gives up with Kore's answer anyway, and the calls queued behind it should get that answer too rather than
   * wait silently for an hour (Kore's hourly limit).
   */
  maxPauseMs?: number;
  clock?: SchedulerClock;
}

/** What the scheduler is doing, for tests, logs and benchmarks. */
export interface SchedulerState {
  inFlight: number;
  queued: number;
  /** The current (adaptive) rate; Infinity when the rate is not capped. */
  requestsPerSecond: number;
  /** Milliseconds until new attempts may start again after a 429 (0 when not paused). */
  pausedForMs: number;
  /** Attempts started so far. */
  started: number;
  /** 429s heard of. */
  rateLimited: number;
  /** Times the rate was lowered. */
  decreases: number;
}

interface Waiter {
  fn: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

const REAL_CLOCK: SchedulerClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class AdaptiveScheduler implements RequestScheduler {
  readonly maxConcurrency: number;
  readonly maxRequestsPerSecond: number;
  private readonly minRate: number;
  private readonly decreaseFactor: number;
  private readonly increasePerSuccess: number;
  private readonly decreaseCooldownMs: number;
  private readonly maxPauseMs: number;
  private readonly clock: SchedulerClock;

  private rate: number;
  private tokens: number;
  private refilledAt: number;
  private pausedUntil = -Infinity;
  private lastLimitedAt = -Infinity;
  private decreaseBlockedUntil = -Infinity;
  private inFlight = 0;
  /** FIFO: `queue[head..]` are waiting (an array with a moving head: O(1) amortized). */
  private queue: Array<Waiter | undefined> = [];
  private head = 0;
  private timer: unknown = undefined;
  private timerAt = Infinity;
  private counts = { started: 0, rateLimited: 0, decreases: 0 };

  constructor(options: SchedulerOptions = {}) {
    this.maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    if (!(this.maxConcurrency === Infinity || (Number.isInteger(this.maxConcurrency) && this.maxConcurrency >= 1))) {
      throw new RangeError(`maxConcurrency must be a positive integer or Infinity (got ${options.maxConcurrency})`);
    }
    this.maxRequestsPerSecond = options.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND;
    if (!(typeof this.maxRequestsPerSecond === "number" && this.maxRequestsPerSecond > 0)) {
      throw new RangeError(`maxRequestsPerSecond must be a number > 0 or Infinity (got ${options.maxRequestsPerSecond})`);
    }
    this.minRate = Math.min(this.maxRequestsPerSecond, options.minRequestsPerSecond ?? DEFAULT_MIN_REQUESTS_PER_SECOND);
    this.decreaseFactor = options.decreaseFactor ?? 0.5;
    this.increasePerSuccess = options.increasePerSuccess ?? this.maxRequestsPerSecond / 50;
    this.decreaseCooldownMs = options.decreaseCooldownMs ?? 1000;
    this.maxPauseMs = options.maxPauseMs ?? 60_000;
    const bad = (
      [
        ["minRequestsPerSecond", this.minRate, (n: number) => n > 0],
        ["decreaseFactor", this.decreaseFactor, (n: number) => n > 0 && n <= 1],
        ["increasePerSuccess", this.increasePerSuccess, (n: number) => n >= 0],
        ["decreaseCooldownMs", this.decreaseCooldownMs, (n: number) => n >= 0 && Number.isFinite(n)],
        ["maxPauseMs", this.maxPauseMs, (n: number) => n >= 0],
      ] as const
    ).filter(([, v, ok]) => typeof v !== "number" || Number.isNaN(v) || !ok(v));
    if (bad.length > 0) throw new RangeError(`scheduler: invalid ${bad.map(([k, v]) => `${k} (${v})`).join(", ")}`);
    this.clock = options.clock ?? REAL_CLOCK;
    this.rate = this.maxRequestsPerSecond;
    this.tokens = Math.max(1, this.rate);
    this.refilledAt = this.clock.now();
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.head === this.queue.length && this.inFlight < this.maxConcurrency && this.take(this.clock.now())) {
      return this.start(fn);
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  onRateLimited(retryAfterMs: number): void {
    const now = this.clock.now();
    const wait = retryAfterMs > 0 ? Math.min(retryAfterMs, this.maxPauseMs) : 0; // NaN and negatives: no pause
    this.counts.rateLimited += 1;
    this.lastLimitedAt = now;
    if (now + wait > this.pausedUntil) this.pausedUntil = now + wait;
    if (this.rate !== Infinity && now >= this.decreaseBlockedUntil) {
      this.rate = Math.max(this.minRate, this.rate * this.decreaseFactor);
      this.decreaseBlockedUntil = now + Math.max(wait, this.decreaseCooldownMs);
      this.counts.decreases += 1;
    }
    // No burst after the pause: one token then, the rest at the (new) rate.
    this.refill(now);
    this.tokens = Math.min(this.tokens, 1);
    this.refilledAt = Math.max(now, this.pausedUntil);
  }

  get state(): SchedulerState {
    return {
      inFlight: this.inFlight,
      queued: this.queue.length - this.head,
      requestsPerSecond: this.rate,
      pausedForMs: Math.max(0, this.pausedUntil - this.clock.now()),
      ...this.counts,
    };
  }

  /** Starts `fn` in a slot; the slot is freed when its promise settles (or it throws). */
  private start<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight += 1;
    this.counts.started += 1;
    const startedAt = this.clock.now();
    let p: Promise<T>;
    try {
      p = fn();
    } catch (err) {
      this.release(startedAt);
      return Promise.reject(err);
    }
    return Promise.resolve(p).then(
      (value) => {
        this.release(startedAt);
        return value;
      },
      (err: unknown) => {
        this.release(startedAt);
        throw err;
      },
    );
  }

  private release(startedAt: number): void {
    this.inFlight -= 1;
    // Additive increase: this attempt ran with no 429 heard of since it started.
    if (startedAt > this.lastLimitedAt && this.rate < this.maxRequestsPerSecond) {
      this.rate = Math.min(this.maxRequestsPerSecond, this.rate + this.increasePerSuccess);
    }
    if (this.head < this.queue.length) this.pump();
  }

  /** Starts as many waiters as slots and tokens allow; arms one timer if tokens or a pause hold them. */
  private pump(): void {
    const now = this.clock.now();
    while (this.head < this.queue.length && this.inFlight < this.maxConcurrency) {
      if (!this.take(now)) {
        this.arm(now);
        break;
      }
      const waiter = this.queue[this.head]!;
      this.queue[this.head] = undefined;
      this.head += 1;
      this.start(waiter.fn).then(waiter.resolve, waiter.reject);
    }
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  private refill(now: number): void {
    if (now > this.refilledAt) {
      this.tokens = Math.min(Math.max(1, this.rate), this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
      this.refilledAt = now;
    }
  }

  /** Takes a token if not paused and one is there. */
  private take(now: number): boolean {
    if (now < this.pausedUntil) return false;
    if (this.rate === Infinity) return true;
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** One timer for the moment the first waiter could go (end of the pause, or the next token). */
  private arm(now: number): void {
    const at = now < this.pausedUntil ? this.pausedUntil : Math.max(now, this.refilledAt) + ((1 - this.tokens) * 1000) / this.rate;
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(1, Math.ceil(at - now)));
  }
}

/**
 * A limit from stack config or the environment: undefined when unset or blank, Infinity for
 * `unlimited`, else a positive number (an integer for `maxConcurrency`). `what` names the setting in
 * the error, e.g. "kore:maxConcurrency (KORE_MAX_CONCURRENCY)".
 */
export function parseSchedulerSetting(raw: string | undefined, what: string, kind: "concurrency" | "rate"): number | undefined {
  if (raw === undefined || String(raw).trim() === "") return undefined;
  const text = String(raw).trim();
  if (/^(unlimited|infinity)$/i.test(text)) return Infinity;
  const n = Number(text);
  const ok = kind === "concurrency" ? Number.isInteger(n) && n >= 1 : Number.isFinite(n) && n > 0;
  if (!ok) {
    const expected = kind === "concurrency" ? "a whole number of 1 or more" : "a number greater than 0 (requests per second)";
    throw new RangeError(`${what} must be ${expected}, or "unlimited" (got ${JSON.stringify(text)})`);
  }
  return n;
}
