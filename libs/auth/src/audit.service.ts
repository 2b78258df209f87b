import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  fairId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Writes the audit row in the caller's transaction: no change without its record, and back. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_user_id, actor_role, action, entity, entity_id, fair_id, before, after, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      [
        actor.userId,
        actor.role,
        entry.action,
        entry.entity,
        entry.entityId ?? null,
        entry.fairId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.reason ?? null,
      ],
    );
  }
}
