import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A fair's Ed25519 key; the private half sealed with a key derived from APP_SECRET. */
@Entity('qr_keys')
export class QrKeyEntity {
  @PrimaryColumn({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @PrimaryColumn({ name: 'key_id', type: 'int' }) keyId: number;
  @Column({ name: 'public_key', type: 'bytea' }) publicKey: Buffer;
  @Column({ name: 'private_key_sealed', type: 'bytea', select: false }) privateKeySealed: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}
