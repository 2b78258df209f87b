import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TokenPurpose } from './exhibitor-token.codec';

/** A one-time link (email confirmation, sign-in link, draft resume): only its id is stored. */
@Entity('exhibitor_tokens')
export class ExhibitorTokenEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'exhibitor_id', type: 'uuid', nullable: true }) exhibitorId: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'text' }) purpose: TokenPurpose;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}
