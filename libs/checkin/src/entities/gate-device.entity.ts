import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('gate_devices')
export class GateDeviceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'gate_id', type: 'uuid' }) gateId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'staff_user_id', type: 'uuid', nullable: true }) staffUserId: string | null;
  @Column({ name: 'signed_in_at', type: 'timestamptz', nullable: true }) signedInAt: Date | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
