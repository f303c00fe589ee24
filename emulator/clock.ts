/**
 * The emulator's clock: real time plus an offset that tests move (`POST /__emulator/clock`), so a schedule's
 * window can open and close without waiting. Everything time-dependent reads it: Preparing -> Ready, a
 * schedule's Scheduled -> Active -> Completed, the check that a schedule's end is not in the past, timestamps.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves the clock forward (a negative value moves it back). */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`emulator: the clock cannot move by ${ms} ms`);
    this.offsetMs += ms;
  }

  /** Sets the clock to an instant (epoch ms); it runs on from there. */
  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error("emulator: the clock needs a valid time");
    this.offsetMs = ms - Date.now();
  }

  get offset(): number {
    return this.offsetMs;
  }
}
