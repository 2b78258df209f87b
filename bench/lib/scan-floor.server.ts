/**
 * Floors under a gate scan, for the check-in scenario to measure in the same run as the real API:
 * how close to pgbench's ceiling a scan endpoint could come on this machine, where wrk, Node and
 * PostgreSQL share the same cores (decision 022).
 *
 * Bare Fastify (no Nest, no sign-in, no validation, no device check), the real scan's path and
 * body, the same pass code check (Base45, layout, Ed25519 with libsodium), then per FLOOR_MODE:
 *  - `update`: one row UPDATE by primary key per scan, pgbench's transaction: nothing recorded.
 *  - `record`: the real recording, checkin_record_scans (verdict, presence, scan row, tally job).
 * Scans arriving while a statement runs go together in the next one, through the API's own
 * ScanBatcher (one statement in flight, pass-serial order).
 *
 * DATABASE_URL: the scenario's database after its setup (gate devices and passes exist).
 * Reports its port over IPC like every bench server.
 */
import Fastify from 'fastify';
import { Pool } from 'pg';
import { ScanBatcher } from '../../libs/checkin/src/scan-batcher';
import { scanColumns, scanFunctionSql, type ScanContext, type ScanOutcome } from '../../libs/checkin/src/scan-recorder';
import { decodePassCode, publicKeyFromRaw } from '../../libs/visitors/src/qr/pass-code';

type Mode = 'update' | 'record';

async function main(): Promise<void> {
  const mode = process.env.FLOOR_MODE as Mode;
  if (mode !== 'update' && mode !== 'record') throw new Error(`FLOOR_MODE must be update or record, not ${mode}`);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const devices = new Map(
    (await pool.query<{ id: string; fair_id: string; gate_id: string; time_zone: string }>(
      `SELECT d.id, d.fair_id, d.gate_id, f.time_zone FROM gate_devices d JOIN fairs f ON f.id = d.fair_id`,
    )).rows.map((r) => [r.id, r]),
  );
  const keys = new Map<string, ReturnType<typeof publicKeyFromRaw>>();
  for (const r of (await pool.query<{ fair_id: string; key_id: number; public_key: Buffer }>(`SELECT fair_id, key_id, public_key FROM qr_keys`)).rows) {
    keys.set(`${r.fair_id}/${r.key_id}`, publicKeyFromRaw(r.public_key));
  }
  if (mode === 'update') {
    await pool.query(`DROP TABLE IF EXISTS bench_floor_passes`);
    await pool.query(`CREATE TABLE bench_floor_passes (serial bigint PRIMARY KEY, scans int NOT NULL DEFAULT 0)`);
    await pool.query(`INSERT INTO bench_floor_passes (serial) SELECT serial FROM passes`);
  }
  const recordSql = scanFunctionSql('checkin_record_scans');
  // The API's own batcher: one statement in flight, the scans meanwhile together, in serial order.
  const batcher = new ScanBatcher(async (batch) => {
    if (mode === 'record') {
      const rows: { i: number; verdict: string }[] = (await pool.query(recordSql, scanColumns(batch))).rows;
      return rows.sort((a, b) => a.i - b.i).map((r) => ({ verdict: r.verdict }) as ScanOutcome);
    }
    const serials = batch.map((c) => (c.decoded.ok ? c.decoded.payload.serial : 0));
    await pool.query(`UPDATE bench_floor_passes SET scans = scans + 1 WHERE serial = ANY($1::bigint[])`, [serials]);
    return batch.map(() => ({ verdict: 'admitted' }) as ScanOutcome);
  });

  const app = Fastify({ logger: false });
  app.post<{ Params: { device: string }; Body: { code: string; nonce: string; direction?: 'in' | 'out' } }>('/api/checkin/devices/:device/scans', async (req, reply) => {
    const device = devices.get(req.params.device);
    if (!device) return reply.code(404).send({ error: 'unknown device' });
    const decoded = decodePassCode(req.body.code, device.fair_id, (fair, kid) => keys.get(`${fair}/${kid}`));
    const ctx: ScanContext = {
      fairId: device.fair_id,
      timeZone: device.time_zone,
      deviceId: device.id,
      gateId: device.gate_id,
      staffUserId: null,
      nonce: req.body.nonce,
      direction: req.body.direction ?? 'in',
      decoded,
      at: new Date(),
      offline: false,
    };
    const { verdict } = await batcher.submit(ctx);
    return { verdict, serial: decoded.ok ? decoded.payload.serial : null };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
}

main().catch((e) => {
  process.stderr.write(`scan-floor.server: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
