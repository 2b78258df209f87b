import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

@Entity('mail_messages')
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  lang: 'vi' | 'en';

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ name: 'fair_id', type: 'uuid', nullable: true })
  fairId: string | null;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId: string | null;

  @Column({ name: 'dedupe_key', type: 'text', nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'text' })
  status: MailStatus;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
