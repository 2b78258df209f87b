import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('pass_revocations')
export class PassRevocationEntity {
  @PrimaryColumn({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @PrimaryColumn({ type: 'bigint' }) serial: string;
  @PrimaryColumn({ type: 'int' }) issue: number;
  @Column({ type: 'text' }) reason: 'reissued' | 'cancelled';
  @Column({ name: 'revoked_at', type: 'timestamptz' }) revokedAt: Date;
}
