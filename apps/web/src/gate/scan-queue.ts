import type { Verdict } from '../api/views';
import type { SeenPass } from './pass-code';

/** A scan taken while offline, kept in localStorage until the API has stored it. */
export interface QueuedScan {
  code: string;
  nonce: string;
  scannedAt: string;
  localVerdict: Verdict;
  direction: 'in' | 'out';
}

const KEY = (device: string) => `fair.gate.queue.${device}`;
const SEEN = (device: string) => `fair.gate.seen.${device}`;

export const scanQueue = {
  list(device: string): QueuedScan[] {
    try {
      return JSON.parse(localStorage.getItem(KEY(device)) ?? '[]') as QueuedScan[];
    } catch {
      return [];
    }
  },
  push(device: string, scan: QueuedScan): number {
    const list = scanQueue.list(device);
    list.push(scan);
    localStorage.setItem(KEY(device), JSON.stringify(list));
    return list.length;
  },
  /** Removes the scans the API confirmed (by nonce); scans queued meanwhile stay. */
  remove(device: string, nonces: Set<string>): number {
    const left = scanQueue.list(device).filter((s) => !nonces.has(s.nonce));
    localStorage.setItem(KEY(device), JSON.stringify(left));
    return left.length;
  },
  /** serial -> what this gate saw of that pass, for offline verdicts. */
  seen(device: string): Record<string, SeenPass> {
    try {
      return JSON.parse(localStorage.getItem(SEEN(device)) ?? '{}') as Record<string, SeenPass>;
    } catch {
      return {};
    }
  },
  /** Records a moving verdict (admitted, re-entry, exited) shown offline. */
  record(device: string, serial: number, verdict: Verdict, at: Date): void {
    const seen = scanQueue.seen(device);
    const prev = seen[String(serial)] ?? { day: '', inside: false, admissions: 0 };
    if (verdict === 'exited') seen[String(serial)] = { ...prev, inside: false };
    else if (verdict === 'admitted' || verdict === 're-entry') {
      seen[String(serial)] = { day: at.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }), inside: true, admissions: prev.admissions + 1 };
    } else return;
    localStorage.setItem(SEEN(device), JSON.stringify(seen));
  },
};

export function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
