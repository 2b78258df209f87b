export * from './tally.store';
export * from './tallies.module';
