/**
 * The one list of queues and jobs. A job name maps to its queue and its payload type; the
 * producer and the handlers are checked against this by the compiler, and the worker refuses
 * to start when a job below has no handler or two.
 *
 * Adding a job: add its payload to JobPayloads and a line to JOBS, then a @HandlesJob method.
 */
export const QUEUES = ['mail', 'tallies', 'booths', 'reports', 'matchmaking'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Render and send one stored mail message (mail_messages row). */
  'mail.send': { mailId: string };
  /** A booth hold reached its expiry time: free the booth if the hold is still there and expired. */
  'booths.hold-expire': { allocationId: string };
  /** A self-selection turn's window ended: pass the turn on if it is still this one. */
  'booths.turn-expire': { roundId: string; position: number };
  /** Self-test job used by /health and the integration tests of the job system. */
  'system.ping': { note: string };
  /** Count one check-in or exit into the visit tallies (idempotent per scan id). Written per scan before migration 1790000620000; still run for rows left in an outbox. */
  'tallies.visit': { scanId: string; fairId: string; gateId: string; visitorType: string; verdict: string; at: string; timeZone: string };
  /** Count the check-ins and exits one scan statement recorded for a fair (idempotent per statement: its lowest scan id). */
  'tallies.visits': { fairId: string; timeZone: string; scans: { scanId: string; gateId: string; visitorType: string; verdict: string; at: string }[] };
  /** A meeting request reached its expiry time: mark it expired if it is still pending. */
  'matchmaking.request-expire': { requestId: string };
  /** A scheduled meeting's slot ended: no-show unless it was checked in (held). */
  'matchmaking.meeting-close': { meetingId: string };
  /** Count one matchmaking event into the meeting tallies (idempotent per event id). */
  'matchmaking.tally': { eventId: string; fairId: string; event: 'requested' | 'accepted' | 'scheduled' | 'held' | 'no-show'; day: string; sectors: string[]; countryPair: string };
  /** Build one post-fair report run (report_runs row): JSON, CSV and PDF, with progress. */
  'reports.generate': { runId: string };
}

export type JobName = keyof JobPayloads;

export interface JobSpec {
  queue: QueueName;
  /** Attempts before the job is recorded as permanently failed. */
  attempts: number;
  /** Exponential backoff base in ms. */
  backoffMs: number;
}

export const JOBS: { [N in JobName]: JobSpec } = {
  'mail.send': { queue: 'mail', attempts: 8, backoffMs: 2000 },
  'booths.hold-expire': { queue: 'booths', attempts: 8, backoffMs: 1000 },
  'booths.turn-expire': { queue: 'booths', attempts: 8, backoffMs: 1000 },
  'system.ping': { queue: 'tallies', attempts: 1, backoffMs: 100 },
  'tallies.visit': { queue: 'tallies', attempts: 10, backoffMs: 500 },
  'tallies.visits': { queue: 'tallies', attempts: 10, backoffMs: 500 },
  'matchmaking.request-expire': { queue: 'matchmaking', attempts: 8, backoffMs: 1000 },
  'matchmaking.meeting-close': { queue: 'matchmaking', attempts: 8, backoffMs: 1000 },
  'matchmaking.tally': { queue: 'tallies', attempts: 10, backoffMs: 500 },
  'reports.generate': { queue: 'reports', attempts: 3, backoffMs: 5000 },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];
