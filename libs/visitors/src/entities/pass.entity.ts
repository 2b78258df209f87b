import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EntryPolicy, VisitorType } from '../visitor-types';

/** A visitor's pass; `code` is the current signed QR text (issue `issue`). */
@Entity('passes')
export class PassEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'visitor_id', type: 'uuid' }) visitorId: string;
  @Column({ type: 'bigint' }) serial: string;
  @Column({ type: 'int' }) issue: number;
  @Column({ name: 'visitor_type', type: 'text' }) visitorType: VisitorType;
  @Column({ name: 'entry_policy', type: 'text' }) entryPolicy: EntryPolicy;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom: Date;
  @Column({ name: 'valid_until', type: 'timestamptz' }) validUntil: Date;
  @Column({ name: 'key_id', type: 'int' }) keyId: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) status: 'active' | 'revoked';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
