export * from './test-database';
export * from './test-system';
export * from './extra-api';
