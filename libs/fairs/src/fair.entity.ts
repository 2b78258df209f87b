import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface Sector {
  code: string;
  vi: string;
  en: string;
}

@Entity('fairs')
export class FairEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ name: 'name_vi', type: 'text' }) nameVi: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @Column({ name: 'venue_vi', type: 'text' }) venueVi: string;
  @Column({ name: 'venue_en', type: 'text' }) venueEn: string;
  @Column({ name: 'organiser_vi', type: 'text' }) organiserVi: string;
  @Column({ name: 'organiser_en', type: 'text' }) organiserEn: string;
  /** Calendar dates in the fair's own time zone (YYYY-MM-DD). */
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  @Column({ name: 'time_zone', type: 'text' }) timeZone: string;
  @Column({ type: 'jsonb' }) sectors: Sector[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
