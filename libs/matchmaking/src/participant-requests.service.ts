import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ParticipantRow } from './participant-profile';

export interface MyRequest {
  id: string;
  direction: 'in' | 'out';
  otherId: string;
  otherName: string;
  otherCompany: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'cancelled';
  createdAt: string;
  expiresAt: string;
}

/** A participant's meeting requests, received (in) and sent (out), newest first: the portal's inbox. */
@Injectable()
export class ParticipantRequestsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(me: ParticipantRow): Promise<MyRequest[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT r.id, CASE WHEN r.to_id = $1 THEN 'in' ELSE 'out' END AS direction, o.id AS other_id, o.display_name, o.company,
              r.message, r.status, r.created_at, r.expires_at
         FROM mm_requests r JOIN mm_participants o ON o.id = CASE WHEN r.to_id = $1 THEN r.from_id ELSE r.to_id END
        WHERE r.fair_id = $2 AND (r.to_id = $1 OR r.from_id = $1)
        ORDER BY r.created_at DESC, r.id LIMIT 500`,
      [me.id, me.fair_id],
    );
    return rows.map((r) => ({
      id: r.id as string,
      direction: r.direction as 'in' | 'out',
      otherId: r.other_id as string,
      otherName: r.display_name as string,
      otherCompany: r.company as string,
      message: r.message as string,
      status: r.status as MyRequest['status'],
      createdAt: new Date(r.created_at as string).toISOString(),
      expiresAt: new Date(r.expires_at as string).toISOString(),
    }));
  }
}
