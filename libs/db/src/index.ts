export * from './db.module';
export * from './data-source.options';
export * from './transaction';
export * from './embedded-postgres';
export { migrations } from './migrations';
