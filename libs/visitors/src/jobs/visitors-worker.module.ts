import { Module } from '@nestjs/common';
import { InvitationTemplate } from './invitation.template';

/** Worker side of visitors: the invitation template (QR inline + attachment + PDF badge). */
@Module({ providers: [InvitationTemplate] })
export class VisitorsWorkerModule {}
