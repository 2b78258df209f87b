import type { Verdict } from '../api/views';

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
  /** serial -> day (Asia/Ho_Chi_Minh) of the last admission this gate saw, for offline verdicts. */
  seen(device: string): Record<string, string> {
    try {
      return JSON.parse(localStorage.getItem(SEEN(device)) ?? '{}') as Record<string, string>;
    } catch {
      return {};
    }
  },
  markSeen(device: string, serial: number, at: Date): void {
    const seen = scanQueue.seen(device);
    seen[String(serial)] = at.toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
    localStorage.setItem(SEEN(device), JSON.stringify(seen));
  },
};

export function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
