import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BoothKind } from '@fair/fairs';
import type { Origin, PlacementWishes } from './application-input';
import type { ExhibitorStatus } from './exhibitor-status';

/** One company's application to one fair, and after approval its exhibitor record. */
@Entity('exhibitors')
export class ExhibitorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'text' }) status: ExhibitorStatus;
  @Column({ name: 'legal_name', type: 'text' }) legalName: string;
  @Column({ name: 'name_vi', type: 'text', nullable: true }) nameVi: string | null;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn: string | null;
  @Column({ type: 'text' }) country: string;
  @Column({ type: 'text' }) origin: Origin;
  @Column({ name: 'origin_overridden', type: 'boolean' }) originOverridden: boolean;
  @Column({ name: 'tax_id', type: 'text' }) taxId: string;
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text', nullable: true }) website: string | null;
  @Column({ type: 'jsonb' }) sectors: string[];
  @Column({ type: 'text' }) products: string;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'logo_url', type: 'text', nullable: true }) logoUrl: string | null;
  @Column({ name: 'contact_name', type: 'text' }) contactName: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) phone: string;
  @Column({ type: 'text' }) lang: 'vi' | 'en';
  @Column({ name: 'booth_requests', type: 'jsonb' }) boothRequests: Partial<Record<BoothKind, number>>;
  @Column({ type: 'jsonb' }) placement: PlacementWishes;
  @Column({ name: 'consent_at', type: 'timestamptz' }) consentAt: Date;
  @Column({ name: 'pending_password_hash', type: 'text', nullable: true, select: false }) pendingPasswordHash: string | null;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote: string | null;
  @Column({ type: 'text' }) source: 'online' | 'import';
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ name: 'email_confirmed_at', type: 'timestamptz', nullable: true }) emailConfirmedAt: Date | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
