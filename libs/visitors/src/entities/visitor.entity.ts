import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VisitorType } from '../visitor-types';

export type VisitorSource = 'registration' | 'organiser' | 'import' | 'exhibitor';

@Entity('visitors')
export class VisitorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) company: string;
  @Column({ type: 'text' }) country: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ name: 'visitor_type', type: 'text' }) visitorType: VisitorType;
  @Column({ type: 'jsonb' }) sectors: string[];
  @Column({ type: 'text' }) lang: 'vi' | 'en';
  @Column({ name: 'consent_at', type: 'timestamptz' }) consentAt: Date;
  @Column({ type: 'text' }) source: VisitorSource;
  @Column({ name: 'exhibitor_id', type: 'uuid', nullable: true }) exhibitorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
