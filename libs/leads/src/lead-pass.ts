import { verifiedPassPayload, type QrKeysService } from '@fair/visitors';

/** Verifies a scanned pass code against the fair's keys (refreshing them once for a rotated key). */
export async function verifiedPass(keys: QrKeysService, fairId: string, code: string): Promise<{ serial: number; issue: number } | null> {
  const p = await verifiedPassPayload(keys, fairId, code);
  return p ? { serial: p.serial, issue: p.issue } : null;
}
