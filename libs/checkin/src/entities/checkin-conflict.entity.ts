import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('checkin_conflicts')
export class CheckinConflictEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'pass_id', type: 'uuid' }) passId: string;
  @Column({ name: 'scan_id', type: 'bigint' }) scanId: string;
  @Column({ name: 'earlier_scan_id', type: 'bigint', nullable: true }) earlierScanId: string | null;
  @Column({ type: 'text' }) kind: 'double-admission' | 'admitted-while-invalid';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
