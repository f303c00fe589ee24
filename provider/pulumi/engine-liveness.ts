/**
 * Nothing may dial for a dead engine. The Pulumi engine starts the provider host with the address of
 * its own gRPC server as the last argument; when the CLI is killed (SIGKILL, a CI job cancelled), the
 * host process can outlive it and would go on creating and starting campaigns that no state will
 * ever record. So before every HTTP attempt the client asks `assertAlive()`, which connects to that
 * address (a loopback TCP connect, well under a millisecond; an answer is reused for `freshMs`, 50 ms,
 * so an attempt can still leave at most that long after the kill), and a watchdog probes it every
 * 500 ms and ends the process once it is gone.
 */
import * as net from "node:net";

export class EngineGoneError extends Error {
  readonly code = "KORE_ENGINE_GONE";
  constructor(address: string) {
    super(`the Pulumi engine that started this provider (${address}) is gone; no further Kore.ai call is made`);
    this.name = "EngineGoneError";
  }
}

/** Resolves true when something accepts a TCP connection at host:port within `timeoutMs`. */
export function tcpProbe(address: string, timeoutMs = 1000): Promise<boolean> {
  const at = address.lastIndexOf(":");
  const host = address.slice(0, at).replace(/^\[|\]$/g, "") || "127.0.0.1";
  const port = Number(address.slice(at + 1));
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The engine address among a provider host's arguments: the last `host:port` one. */
export function engineAddressFrom(argv: readonly string[]): string | undefined {
  return [...argv].reverse().find((a) => /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/.test(a));
}

export interface EngineLivenessOptions {
  probe?: (address: string) => Promise<boolean>;
  freshMs?: number;
}

export class EngineLiveness {
  private gone = false;
  private lastAliveAt = -Infinity;
  private probing: Promise<void> | undefined;
  private readonly probe: (address: string) => Promise<boolean>;
  private readonly freshMs: number;

  /** `address` undefined: no engine to watch (a library use in one process); every check passes. */
  constructor(
    readonly address: string | undefined,
    options: EngineLivenessOptions = {},
  ) {
    this.probe = options.probe ?? tcpProbe;
    this.freshMs = options.freshMs ?? 50;
  }

  get isGone(): boolean {
    return this.gone;
  }

  /** Throws EngineGoneError once the engine has gone; cheap while it answers. */
  async assertAlive(): Promise<void> {
    if (this.address === undefined) return;
    if (!this.gone && performance.now() - this.lastAliveAt > this.freshMs) await this.check();
    if (this.gone) throw new EngineGoneError(this.address);
  }

  /** One probe, shared by every caller waiting at the same moment. */
  check(): Promise<void> {
    const address = this.address;
    if (address === undefined || this.gone) return Promise.resolve();
    this.probing ??= this.probe(address)
      .then((alive) => {
        if (alive) this.lastAliveAt = performance.now();
        else this.gone = true;
      })
      .finally(() => (this.probing = undefined));
    return this.probing;
  }

  /** Probes every `intervalMs` (without keeping the process alive) and calls `onGone` once the engine is gone. */
  watch(intervalMs: number, onGone: () => void): () => void {
    if (this.address === undefined) return () => undefined;
    const timer = setInterval(() => {
      void this.check().then(() => {
        if (this.gone) {
          clearInterval(timer);
          onGone();
        }
      });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
