import type { KeyObject } from 'node:crypto';
import { newSigningKeyPair } from './key-encryption';
import type { PublicKeyLookup } from './pass-code';

/** An in-memory key ring for unit tests of the codec (no database). */
export function testKeyRing(fairId: string, keyIds: number[] = [1]): { privateKeys: Map<number, KeyObject>; lookup: PublicKeyLookup } {
  const privateKeys = new Map<number, KeyObject>();
  const publicKeys = new Map<number, KeyObject>();
  for (const kid of keyIds) {
    const pair = newSigningKeyPair();
    privateKeys.set(kid, pair.privateKey);
    publicKeys.set(kid, pair.publicKey);
  }
  return { privateKeys, lookup: (fair, kid) => (fair === fairId ? publicKeys.get(kid) : undefined) };
}
