import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailMessageEntity } from './mail-message.entity';
import { MailService } from './mail.service';
import { MailTemplates } from './mail-templates';

/** Queuing mail (any process) and the template registry that domains fill at start-up. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([MailMessageEntity])],
  providers: [MailService, MailTemplates],
  exports: [MailService, MailTemplates],
})
export class MailModule {}
