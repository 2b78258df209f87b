import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per pass that has been scanned: inside or not, how many admissions. */
@Entity('checkin_presence')
export class PresenceEntity {
  @PrimaryColumn({ name: 'pass_id', type: 'uuid' }) passId: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'boolean' }) inside: boolean;
  @Column({ type: 'int' }) admissions: number;
  @Column({ name: 'last_admitted_on', type: 'date', nullable: true }) lastAdmittedOn: string | null;
  @Column({ name: 'last_in_at', type: 'timestamptz', nullable: true }) lastInAt: Date | null;
  @Column({ name: 'last_out_at', type: 'timestamptz', nullable: true }) lastOutAt: Date | null;
  @Column({ name: 'last_admission_scan_id', type: 'bigint', nullable: true }) lastAdmissionScanId: string | null;
}
