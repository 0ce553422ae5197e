/** The Clock port: domain and use cases never call `new Date()` so tests and the local stack can move time. */
export interface Clock {
  /** The current instant as an ISO-8601 string in UTC. */
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

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
