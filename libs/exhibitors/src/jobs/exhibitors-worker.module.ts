import { Module } from '@nestjs/common';
import { ExhibitorTokensService } from '../exhibitor-tokens.service';
import { ExhibitorMailTemplates } from './exhibitor-mail.templates';

/** Exhibitor email templates, registered where mail.send renders them. Imported by apps/worker only. */
@Module({ providers: [ExhibitorTokensService, ExhibitorMailTemplates] })
export class ExhibitorsWorkerModule {}
