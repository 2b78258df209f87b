import { decodePassCode, type QrKeysService } from '@fair/visitors';

/** Verifies a scanned pass code against the fair's keys (refreshing them once for a rotated key). */
export async function verifiedPass(keys: QrKeysService, fairId: string, code: string): Promise<{ serial: number; issue: number } | null> {
  let k = await keys.verificationKeys(fairId);
  let decoded = decodePassCode(code, fairId, (_f, kid) => k.get(kid));
  if (!decoded.ok && decoded.reason === 'unknown-key') {
    k = await keys.verificationKeys(fairId, true);
    decoded = decodePassCode(code, fairId, (_f, kid) => k.get(kid));
  }
  return decoded.ok ? { serial: decoded.payload.serial, issue: decoded.payload.issue } : null;
}
