import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decodePassCode } from './qr/pass-code';
import type { PassPayload } from './qr/pass-payload';
import { QrKeysService } from './qr-keys.service';
import { VisitorErrors } from './visitors.errors';

export interface PublicPass {
  serial: number;
  name: string;
  company: string;
  visitorType: string;
  validFrom: string;
  validUntil: string;
  /** active; revoked (cancelled); replaced (a newer issue of this pass exists) */
  status: 'active' | 'revoked' | 'replaced';
}

/** Verifies a pass code against the fair's keys (reloading them once for a rotated key): its payload, or null. */
export async function verifiedPassPayload(keys: QrKeysService, fairId: string, code: string): Promise<PassPayload | null> {
  let k = await keys.verificationKeys(fairId);
  let decoded = decodePassCode(code, fairId, (_f, kid) => k.get(kid));
  if (!decoded.ok && decoded.reason === 'unknown-key') {
    k = await keys.verificationKeys(fairId, true);
    decoded = decodePassCode(code, fairId, (_f, kid) => k.get(kid));
  }
  return decoded.ok ? decoded.payload : null;
}

/**
 * The "my pass" page: what a signed pass code shows on the badge (name, company, visitor type,
 * validity), nothing more. Only a code signed by the fair's key is answered, so serials cannot
 * be enumerated; anything else is "pass not found".
 */
@Injectable()
export class PassLookupService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: QrKeysService,
  ) {}

  async byCode(fairId: string, code: string): Promise<PublicPass> {
    const payload = await verifiedPassPayload(this.keys, fairId, code);
    if (!payload) throw VisitorErrors.PASS_NOT_FOUND();
    const [row] = (await this.db.query(
      `SELECT p.serial, p.issue, p.status, p.visitor_type, p.valid_from, p.valid_until, v.name, v.company
         FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.fair_id = $1 AND p.serial = $2`,
      [fairId, payload.serial],
    )) as Record<string, unknown>[];
    if (!row) throw VisitorErrors.PASS_NOT_FOUND();
    return {
      serial: Number(row.serial),
      name: row.name as string,
      company: (row.company as string) ?? '',
      visitorType: row.visitor_type as string,
      validFrom: new Date(row.valid_from as string).toISOString(),
      validUntil: new Date(row.valid_until as string).toISOString(),
      status: row.status === 'revoked' ? 'revoked' : Number(row.issue) !== payload.issue ? 'replaced' : 'active',
    };
  }
}
