export * from './scheduler.types';
export * from './slot-grid';
export * from './schedule-meetings';
export * from './schedule-bound';
export * from './schedule-check';
