import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person working at the exhibitor's booth; each will get a staff badge (visitors domain). */
@Entity('exhibitor_staff')
export class ExhibitorStaffEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'exhibitor_id', type: 'uuid' }) exhibitorId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) role: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
