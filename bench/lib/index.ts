export * from './report';
export * from './load-test';
export * from './pgbench';
export * from './bench-database';
export * from './ceilings';
