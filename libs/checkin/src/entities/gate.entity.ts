import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('gates')
export class GateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'text' }) code: string;
  @Column({ name: 'name_vi', type: 'text' }) nameVi: string;
  @Column({ name: 'name_en', type: 'text' }) nameEn: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
