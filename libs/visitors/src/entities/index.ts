export * from './visitor.entity';
export * from './pass.entity';
export * from './qr-key.entity';
export * from './pass-revocation.entity';
export * from './invitation-batch.entity';

import { InvitationBatchEntity } from './invitation-batch.entity';
import { PassRevocationEntity } from './pass-revocation.entity';
import { PassEntity } from './pass.entity';
import { QrKeyEntity } from './qr-key.entity';
import { VisitorEntity } from './visitor.entity';

export const VISITOR_ENTITIES = [VisitorEntity, PassEntity, QrKeyEntity, PassRevocationEntity, InvitationBatchEntity];
