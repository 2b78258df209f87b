import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Direction, Verdict } from '../verdicts';

@Entity('checkin_scans')
export class CheckinScanEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'device_id', type: 'uuid' }) deviceId: string;
  @Column({ name: 'gate_id', type: 'uuid' }) gateId: string;
  @Column({ type: 'text' }) nonce: string;
  @Column({ type: 'text' }) direction: Direction;
  @Column({ name: 'pass_id', type: 'uuid', nullable: true }) passId: string | null;
  @Column({ type: 'bigint', nullable: true }) serial: string | null;
  @Column({ type: 'int', nullable: true }) issue: number | null;
  @Column({ name: 'visitor_type', type: 'text', nullable: true }) visitorType: string | null;
  @Column({ type: 'text' }) verdict: Verdict;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'scanned_at', type: 'timestamptz' }) scannedAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'boolean' }) offline: boolean;
  @Column({ name: 'staff_user_id', type: 'uuid', nullable: true }) staffUserId: string | null;
}
