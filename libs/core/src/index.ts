export * from './config';
export * from './domain-error';
export * from './i18n';
export * from './clock';
export * from './core.module';
export * from './csv';
export * from './random';
export * from './coalescer';
