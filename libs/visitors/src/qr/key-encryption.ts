import { createCipheriv, createDecipheriv, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Private signing keys are stored encrypted (AES-256-GCM) with a key derived from APP_SECRET,
 * so a database dump alone cannot mint passes. The fair id and key id are the associated data:
 * a ciphertext copied to another fair's row does not decrypt.
 */
function wrappingKey(appSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', appSecret, 'fair-qr-keys', 'qr-private-key:v1', 32));
}

export function encryptPrivateKey(appSecret: string, privateKey: KeyObject, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(appSecret), iv);
  cipher.setAAD(Buffer.from(aad));
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the secret or the associated data differ from those used to encrypt. */
export function decryptPrivateKey(appSecret: string, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(appSecret), sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

export function newSigningKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}
