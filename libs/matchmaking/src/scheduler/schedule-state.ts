import type { SchedulerInput } from './scheduler.types';

/**
 * Mutable placement state shared by the greedy, the repair search and the gap polish:
 * who is busy in which slot, meetings per participant-day, shared tables used per slot.
 * Every change goes through place/remove so an undo log can roll a failed repair back.
 */
export class ScheduleState {
  readonly S: number;
  readonly P: number;
  readonly D: number;
  /** busy[p * S + s] = meeting index or -1 */
  readonly busy: Int32Array;
  /** dayCount[p * D + d] */
  readonly dayCount: Int32Array;
  readonly sharedUsed: Int32Array;
  readonly sharedTotal: number;
  /** slotOf[m] = slot or -1 */
  readonly slotOf: Int32Array;
  readonly needsShared: Uint8Array;
  readonly dayOf: Int32Array;
  readonly firstSlotOfDay: Int32Array;
  readonly lastSlotOfDay: Int32Array;
  readonly ma: Int32Array;
  readonly mb: Int32Array;
  readonly limit: Int32Array;
  private readonly avail: (Uint8Array | undefined)[];
  /** shared meetings per slot (for eviction when tables are full) */
  readonly sharedIn: Set<number>[];
  private log: number[] | null = null;

  constructor(readonly input: SchedulerInput) {
    const { slots, participants, meetings, tables } = input;
    this.S = slots.length;
    this.P = participants.length;
    this.D = slots.reduce((d, s) => Math.max(d, s.day + 1), 0);
    this.busy = new Int32Array(this.P * this.S).fill(-1);
    this.dayCount = new Int32Array(this.P * Math.max(1, this.D));
    this.sharedUsed = new Int32Array(this.S);
    this.sharedTotal = tables.filter((t) => t.owner === undefined).length;
    this.slotOf = new Int32Array(meetings.length).fill(-1);
    this.dayOf = Int32Array.from(slots, (s) => s.day);
    this.firstSlotOfDay = new Int32Array(this.D).fill(-1);
    this.lastSlotOfDay = new Int32Array(this.D).fill(-1);
    slots.forEach((s, i) => {
      if (this.firstSlotOfDay[s.day] < 0) this.firstSlotOfDay[s.day] = i;
      this.lastSlotOfDay[s.day] = i;
    });
    const owns = new Uint8Array(this.P);
    for (const t of tables) if (t.owner !== undefined) owns[t.owner] = 1;
    this.ma = Int32Array.from(meetings, (m) => m.a);
    this.mb = Int32Array.from(meetings, (m) => m.b);
    // a fixed meeting keeps the table it has; others use an own booth when either participant has one
    this.needsShared = Uint8Array.from(meetings, (m) =>
      m.fixed ? (tables[m.fixed.table]?.owner === undefined ? 1 : 0) : owns[m.a] || owns[m.b] ? 0 : 1,
    );
    this.limit = Int32Array.from(participants, (p) => p.perDayLimit);
    this.avail = participants.map((p) => p.available);
    this.sharedIn = Array.from({ length: this.S }, () => new Set<number>());
  }

  isAvailable(p: number, s: number): boolean {
    const a = this.avail[p];
    return !a || a[s] === 1;
  }

  commonSlots(m: number): number {
    let n = 0;
    for (let s = 0; s < this.S; s++) if (this.isAvailable(this.ma[m], s) && this.isAvailable(this.mb[m], s)) n++;
    return n;
  }

  /** can m go into s right now, with nothing moved? */
  fits(m: number, s: number): boolean {
    const a = this.ma[m];
    const b = this.mb[m];
    const d = this.dayOf[s];
    return (
      this.busy[a * this.S + s] < 0 &&
      this.busy[b * this.S + s] < 0 &&
      this.isAvailable(a, s) &&
      this.isAvailable(b, s) &&
      this.dayCount[a * this.D + d] < this.limit[a] &&
      this.dayCount[b * this.D + d] < this.limit[b] &&
      (!this.needsShared[m] || this.sharedUsed[s] < this.sharedTotal)
    );
  }

  place(m: number, s: number): void {
    const a = this.ma[m];
    const b = this.mb[m];
    const d = this.dayOf[s];
    this.busy[a * this.S + s] = m;
    this.busy[b * this.S + s] = m;
    this.dayCount[a * this.D + d]++;
    this.dayCount[b * this.D + d]++;
    if (this.needsShared[m]) {
      this.sharedUsed[s]++;
      this.sharedIn[s].add(m);
    }
    this.slotOf[m] = s;
    this.log?.push(m, -1);
  }

  remove(m: number): void {
    const s = this.slotOf[m];
    if (s < 0) return;
    const a = this.ma[m];
    const b = this.mb[m];
    const d = this.dayOf[s];
    this.busy[a * this.S + s] = -1;
    this.busy[b * this.S + s] = -1;
    this.dayCount[a * this.D + d]--;
    this.dayCount[b * this.D + d]--;
    if (this.needsShared[m]) {
      this.sharedUsed[s]--;
      this.sharedIn[s].delete(m);
    }
    this.slotOf[m] = -1;
    this.log?.push(m, s);
  }

  /** start recording changes; returns a mark for rollback */
  begin(): void {
    this.log = [];
  }

  commit(): void {
    this.log = null;
  }

  rollback(): void {
    const log = this.log;
    this.log = null;
    if (!log) return;
    for (let i = log.length - 2; i >= 0; i -= 2) {
      const m = log[i];
      const prev = log[i + 1];
      if (prev === -1) this.remove(m);
      else this.place(m, prev);
    }
  }

  /** idle slots between the first and last meeting of participant p on day d */
  gaps(p: number, d: number): number {
    let first = -1;
    let last = -1;
    let count = 0;
    const base = p * this.S;
    for (let s = this.firstSlotOfDay[d]; s <= this.lastSlotOfDay[d]; s++) {
      if (this.busy[base + s] >= 0) {
        if (first < 0) first = s;
        last = s;
        count++;
      }
    }
    return first < 0 ? 0 : last - first + 1 - count;
  }

  /** does p have a meeting in a slot next to s on the same day? (0, 1 or 2 neighbours) */
  neighbours(p: number, s: number): number {
    const d = this.dayOf[s];
    const base = p * this.S;
    let n = 0;
    if (s > this.firstSlotOfDay[d] && this.busy[base + s - 1] >= 0) n++;
    if (s < this.lastSlotOfDay[d] && this.busy[base + s + 1] >= 0) n++;
    return n;
  }
}
