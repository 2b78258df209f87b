/** Time comes from here so tests and the simulation can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}

/**
 * Real time moved forward by an offset that only grows: time passes as usual between two
 * moves, and the clock never reads earlier than the real one (so jobs queued "now" by the
 * database's own now() are always due by it). The fair simulation drives the system with it.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Jumps to `at` when that is later than now; never goes back. */
  advanceTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
  }
}

let installed: Clock = systemClock;

/**
 * The clock every Nest context of this process injects as CLOCK: it forwards to the clock
 * installed with `installClock` (the system clock unless one is installed), so an API and a
 * worker started in one process (tests, `cli simulate`) read the same fair time.
 */
export const processClock: Clock = { now: () => installed.now() };

/** Makes `clock` the process's fair time; returns a function restoring the previous one. */
export function installClock(clock: Clock): () => void {
  const previous = installed;
  installed = clock;
  return () => {
    installed = previous;
  };
}

export const CLOCK = Symbol('CLOCK');
