import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { AuditService, type Actor } from '@fair/auth';
import { decryptPrivateKey, encryptPrivateKey, newSigningKeyPair } from './qr/key-encryption';
import { privateKeyFromDer, publicKeyFromRaw, rawPublicKey } from './qr/pass-code';

export interface Signer {
  keyId: number;
  privateKey: KeyObject;
}

export interface PublicKeyInfo {
  keyId: number;
  publicKey: string;
  active: boolean;
}

/**
 * The fairs' signing keys. The first pass of a fair creates key 1; rotation retires the active
 * key (it keeps verifying) and creates the next. Decrypted keys are cached for a minute, so a
 * rotation made by another process is picked up within that time (old codes stay valid anyway).
 */
@Injectable()
export class QrKeysService {
  private readonly signers = new LRUCache<string, Signer>({ max: 500, ttl: 60_000 });
  private readonly verifiers = new LRUCache<string, Map<number, KeyObject>>({ max: 500, ttl: 60_000 });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * The active key, created on first use. Read and created through the caller's transaction when
   * one is given (one connection per transaction: the embedded engine is a single session, and a
   * second connection would wait for this transaction forever). A key created now is cached only
   * on a later call, once it is committed, so a rolled-back registration leaves nothing behind.
   */
  async signer(fairId: string, manager: EntityManager = this.db.manager): Promise<Signer> {
    const cached = this.signers.get(fairId);
    if (cached) return cached;
    let rows = await this.activeKey(manager, fairId);
    const existed = Boolean(rows[0]);
    if (!existed) {
      // Two first issues racing: the primary key lets one key 1 in; both then read that one.
      await this.insertKey(manager, fairId, 1, 'ON CONFLICT DO NOTHING');
      rows = await this.activeKey(manager, fairId);
    }
    const row = rows[0]!;
    const der = decryptPrivateKey(this.config.APP_SECRET, row.private_key_sealed, `${fairId}:${row.key_id}`);
    const signer = { keyId: row.key_id, privateKey: privateKeyFromDer(der) };
    if (existed) this.signers.set(fairId, signer);
    return signer;
  }

  async rotate(actor: Actor, fairId: string): Promise<PublicKeyInfo[]> {
    await this.db.transaction(async (m) => {
      const rows: { key_id: number }[] = await m.query(
        `SELECT key_id FROM qr_keys WHERE fair_id = $1 ORDER BY key_id DESC LIMIT 1 FOR UPDATE`,
        [fairId],
      );
      const next = (rows[0]?.key_id ?? 0) + 1;
      await m.query(`UPDATE qr_keys SET retired_at = now() WHERE fair_id = $1 AND retired_at IS NULL`, [fairId]);
      await this.insertKey(m, fairId, next, '');
      await this.audit.record(m, actor, { action: 'qr-key.rotate', entity: 'fair', entityId: fairId, fairId, after: { keyId: next } });
    });
    this.signers.delete(fairId);
    this.verifiers.delete(fairId);
    return this.publicKeys(fairId);
  }

  async publicKeys(fairId: string): Promise<PublicKeyInfo[]> {
    const rows: { key_id: number; public_key: Buffer; retired_at: Date | null }[] = await this.db.query(
      `SELECT key_id, public_key, retired_at FROM qr_keys WHERE fair_id = $1 ORDER BY key_id`,
      [fairId],
    );
    return rows.map((r) => ({ keyId: r.key_id, publicKey: r.public_key.toString('base64'), active: r.retired_at === null }));
  }

  /** Public key objects of a fair for verification; `reload` after a code named an unknown key id. */
  async verificationKeys(fairId: string, reload = false): Promise<Map<number, KeyObject>> {
    const cached = reload ? undefined : this.verifiers.get(fairId);
    if (cached) return cached;
    const keys = new Map((await this.publicKeys(fairId)).map((k) => [k.keyId, publicKeyFromRaw(Buffer.from(k.publicKey, 'base64'))]));
    this.verifiers.set(fairId, keys);
    return keys;
  }

  private activeKey(m: EntityManager, fairId: string): Promise<{ key_id: number; private_key_sealed: Buffer }[]> {
    return m.query(`SELECT key_id, private_key_sealed FROM qr_keys WHERE fair_id = $1 AND retired_at IS NULL`, [fairId]);
  }

  private async insertKey(m: EntityManager, fairId: string, keyId: number, onConflict: string): Promise<void> {
    const pair = newSigningKeyPair();
    const sealed = encryptPrivateKey(this.config.APP_SECRET, pair.privateKey, `${fairId}:${keyId}`);
    await m.query(
      `INSERT INTO qr_keys (fair_id, key_id, public_key, private_key_sealed) VALUES ($1, $2, $3, $4) ${onConflict}`,
      [fairId, keyId, rawPublicKey(pair.publicKey), sealed],
    );
  }
}
