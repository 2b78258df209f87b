/**
 * The slot scheduler's model: indexed arrays, no database types, so it is pure and fast.
 *
 * Tables without an owner are the shared meeting tables (by default the fair's
 * `technical-matchmaking` booths). A table with an owner is a participant's own booth: it can only
 * hold that participant's meetings, and it is free whenever its owner is (the owner is in at most
 * one meeting per slot), so the only shared resource is the count of ownerless tables per slot.
 */
export interface SchedulerSlot {
  /** index of the fair day (0-based); per-day limits count by it */
  day: number;
  /** epoch ms */
  start: number;
  end: number;
}

export interface SchedulerTable {
  id: string;
  /** participant index whose booth this is; undefined for a shared table */
  owner?: number;
}

export interface SchedulerParticipant {
  id: string;
  /** available[s] = 1 when the participant can meet in slot s; undefined = every slot */
  available?: Uint8Array;
  /** meetings per day at most */
  perDayLimit: number;
}

export interface SchedulerMeeting {
  id: string;
  a: number;
  b: number;
  /** slot indices the participants asked for (a soft preference) */
  preferred?: number[];
  /** already published: kept where it is (immediate mode, re-runs) */
  fixed?: { slot: number; table: number };
}

export interface SchedulerInput {
  slots: SchedulerSlot[];
  tables: SchedulerTable[];
  participants: SchedulerParticipant[];
  meetings: SchedulerMeeting[];
  /** bound on repair work (augmenting moves tried per unplaced meeting) */
  repairBudget?: number;
}

export type UnplacedReason =
  /** no slot in which both participants are available */
  | 'no-common-availability'
  /** every common slot falls on a day when one of them has reached the per-day limit */
  | 'day-limit'
  /** in every remaining common slot one of them is already in another meeting */
  | 'participant-busy'
  /** the slots where both are free have no free table */
  | 'no-free-table';

export interface Placement {
  meeting: number;
  slot: number;
  table: number;
}

export interface ScheduleResult {
  placements: Placement[];
  unplaced: { meeting: number; reason: UnplacedReason }[];
  stats: ScheduleStats;
}

export interface ScheduleStats {
  meetings: number;
  placed: number;
  preferredHonoured: number;
  preferredAsked: number;
  /** free slots between a participant's first and last meeting of a day, summed */
  idleGaps: number;
  millis: number;
}
