export * from './solver-types';
export * from './geometry';
export * from './model';
export * from './score';
export * from './bound';
export * from './solve';
export * from './synthetic';
