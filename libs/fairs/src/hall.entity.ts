import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('halls')
export class HallEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ name: 'name_vi', type: 'text' }) nameVi: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
}
