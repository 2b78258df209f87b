import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BoothKind } from './booth-kind';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** A booth on the floor plan: geometry and commercial facts. Allocation state lives in libs/booths. */
@Entity('booths')
export class BoothEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'hall_id', type: 'uuid' }) hallId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) kind: BoothKind;
  @Column({ name: 'area_m2', type: 'numeric', transformer: numeric }) areaM2: number;
  @Column({ name: 'is_corner', type: 'boolean' }) isCorner: boolean;
  /** Whole đồng; bigint comes back from pg as a string, so it is converted. */
  @Column({ name: 'price_vnd', type: 'bigint', transformer: numeric }) priceVnd: number;
  @Column({ type: 'numeric', transformer: numeric }) x: number;
  @Column({ type: 'numeric', transformer: numeric }) y: number;
  @Column({ type: 'numeric', transformer: numeric }) width: number;
  @Column({ type: 'numeric', transformer: numeric }) height: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
