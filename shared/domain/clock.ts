/** The Clock port: domain and use cases never call `new Date()` so tests and the local stack can move time. */
export interface Clock {
  /** The current instant as an ISO-8601 string in UTC. */
  now(): string;
}

/**
 * The real clock: with `AdjustableClock` and `monotonicMs` below, the only code that reads the machine's time
 * (test/repo/wall-time.test.ts fails on any other). Everything that decides — expiry, TTL filters, leases, due
 * checks, timestamps — takes the Clock it was given, so tests and the dev clock move all of it together.
 */
export const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * A monotonic millisecond counter for durations and time-outs of the process itself (a start-up wait, a Lambda's
 * remaining time): never for what a case records, which is the Clock's.
 */
export function monotonicMs(): number {
  return performance.now();
}

/** A clock that can be set and advanced; used by tests and by the local stack's dev endpoint. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  private fixed?: number;
  constructor(start?: string) {
    if (start) this.fixed = Date.parse(start);
  }
  now(): string {
    const base = this.fixed ?? Date.now();
    return new Date(base + this.offsetMs).toISOString();
  }
  set(instant: string): void {
    this.fixed = Date.parse(instant);
    this.offsetMs = 0;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
