/**
 * Scenario "ceiling": what this machine can do at best, measured now, so every other scenario's
 * figures can be read against it. `npm run bench -- ceiling [--json]`
 *
 * - HTTP: a bare Fastify "hello" reply in its own process, autocannon with 50 connections, 10 s.
 * - Database: pgbench's one-row UPDATE by primary key, 8 clients, 10 s, in a throwaway database.
 */
import { benchOptions, ceilings, ceilingRows, emitJson, FIGURE_HEADERS, machineInfo, printTable } from './lib';

async function main(): Promise<void> {
  const { json } = benchOptions();
  const machine = await machineInfo();
  const c = await ceilings();
  printTable(
    `Ceilings of this machine (${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres ?? 'unreachable'})`,
    FIGURE_HEADERS,
    ceilingRows(c),
    { json },
  );
  if (json) emitJson({ scenario: 'ceiling', machine, ceilings: c });
}

main().catch((e) => {
  process.stderr.write(`bench ceiling: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
