export interface Beating {
  beat(): void;
}

/**
 * One interval timer per period for all idle streams, instead of one timer per stream: with
 * tens of thousands of SSE connections the timers alone would dominate per-stream memory.
 */
export class HeartbeatClock {
  readonly #periods = new Map<number, { timer: ReturnType<typeof setInterval>; members: Set<Beating> }>();

  add(periodMs: number, member: Beating): void {
    let period = this.#periods.get(periodMs);
    if (!period) {
      const members = new Set<Beating>();
      const timer = setInterval(() => {
        for (const beating of members) beating.beat();
      }, periodMs);
      // Heartbeats alone must not keep a process alive.
      timer.unref();
      period = { timer, members };
      this.#periods.set(periodMs, period);
    }
    period.members.add(member);
  }

  remove(periodMs: number, member: Beating): void {
    const period = this.#periods.get(periodMs);
    if (!period?.members.delete(member) || period.members.size > 0) return;
    clearInterval(period.timer);
    this.#periods.delete(periodMs);
  }
}

export const sharedHeartbeatClock = new HeartbeatClock();
