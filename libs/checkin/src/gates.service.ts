import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { AuditService, type Actor } from '@fair/auth';
import { pgCode, PG_UNIQUE_VIOLATION } from '@fair/db';
import { CheckinErrors } from './checkin.errors';
import { GateDeviceEntity } from './entities/gate-device.entity';
import { GateEntity } from './entities/gate.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Gates and their devices. A device is cached for a few seconds because every scan needs it;
 * a sign-in or disable made through another API process takes effect within that time.
 */
@Injectable()
export class GatesService {
  private readonly devices = new LRUCache<string, GateDeviceEntity>({ max: 5000, ttl: 5000 });

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async createGate(actor: Actor, fairId: string, input: { code: string; nameVi: string; nameEn: string }): Promise<GateEntity> {
    return this.db.transaction(async (m) => {
      try {
        const gate = await m.getRepository(GateEntity).save(m.getRepository(GateEntity).create({ fairId, ...input }));
        await this.audit.record(m, actor, { action: 'gate.create', entity: 'gate', entityId: gate.id, fairId, after: input });
        return gate;
      } catch (err) {
        if (pgCode(err) === PG_UNIQUE_VIOLATION) throw CheckinErrors.GATE_CODE_TAKEN({ code: input.code });
        throw err;
      }
    });
  }

  gates(fairId: string): Promise<GateEntity[]> {
    return this.db.getRepository(GateEntity).find({ where: { fairId }, order: { code: 'ASC' } });
  }

  /** Every device of the fair's gates, oldest first: what the console lists and staff sign in to. */
  listDevices(fairId: string): Promise<GateDeviceEntity[]> {
    return this.db.getRepository(GateDeviceEntity).find({ where: { fairId }, order: { createdAt: 'ASC', name: 'ASC' } });
  }

  async createDevice(actor: Actor, gateId: string, name: string): Promise<GateDeviceEntity> {
    if (!UUID.test(gateId)) throw CheckinErrors.GATE_NOT_FOUND();
    return this.db.transaction(async (m) => {
      const gate = await m.getRepository(GateEntity).findOne({ where: { id: gateId } });
      if (!gate) throw CheckinErrors.GATE_NOT_FOUND();
      const device = await m.getRepository(GateDeviceEntity).save(m.getRepository(GateDeviceEntity).create({ fairId: gate.fairId, gateId, name }));
      await this.audit.record(m, actor, { action: 'gate-device.create', entity: 'gate-device', entityId: device.id, fairId: gate.fairId, after: { gateId, name } });
      return device;
    });
  }

  /** Gate staff sign in on a device: from now on, scans from it are theirs. */
  async signIn(actor: Actor, deviceId: string): Promise<GateDeviceEntity> {
    const device = await this.device(deviceId);
    if (device.disabledAt) throw CheckinErrors.DEVICE_DISABLED();
    await this.db.query(`UPDATE gate_devices SET staff_user_id = $2, signed_in_at = now() WHERE id = $1`, [device.id, actor.userId]);
    this.devices.delete(device.id);
    return this.device(device.id);
  }

  async device(deviceId: string): Promise<GateDeviceEntity> {
    if (!UUID.test(deviceId)) throw CheckinErrors.DEVICE_NOT_FOUND();
    const cached = this.devices.get(deviceId);
    if (cached) return cached;
    const device = await this.db.getRepository(GateDeviceEntity).findOne({ where: { id: deviceId } });
    if (!device) throw CheckinErrors.DEVICE_NOT_FOUND();
    this.devices.set(deviceId, device);
    return device;
  }

  /** The device, checked to be usable by this actor: signed in by them (organisers may test any). */
  async deviceFor(actor: Actor, deviceId: string): Promise<GateDeviceEntity> {
    const device = await this.device(deviceId);
    if (device.disabledAt) throw CheckinErrors.DEVICE_DISABLED();
    if (actor.role !== 'organiser' && device.staffUserId !== actor.userId) throw CheckinErrors.DEVICE_NOT_SIGNED_IN();
    return device;
  }
}
