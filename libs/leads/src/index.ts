export * from './leads.errors';
export * from './leads.service';
export * from './leads-export';
export * from './leads.module';
