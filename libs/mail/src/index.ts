export * from './mail-message.entity';
export * from './mail-templates';
export * from './mail-layout';
export * from './mail.service';
export * from './mail.module';
export * from './mail.transport';
export * from './jobs/mail-worker.module';
export * from './smtp-sink';
