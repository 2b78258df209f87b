export * from './gate.entity';
export * from './gate-device.entity';
export * from './checkin-scan.entity';
export * from './presence.entity';
export * from './checkin-conflict.entity';

import { CheckinConflictEntity } from './checkin-conflict.entity';
import { CheckinScanEntity } from './checkin-scan.entity';
import { GateDeviceEntity } from './gate-device.entity';
import { GateEntity } from './gate.entity';
import { PresenceEntity } from './presence.entity';

export const CHECKIN_ENTITIES = [GateEntity, GateDeviceEntity, CheckinScanEntity, PresenceEntity, CheckinConflictEntity];
