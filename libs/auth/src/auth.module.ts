import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimiter } from '@fair/jobs';
import { AuditLogEntity } from './audit-log.entity';
import { AuditService } from './audit.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';
import { AuthController } from './http/auth.controller';

/** Users, sessions and the audit log, for every process. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity, AuditLogEntity])],
  providers: [AuthService, AuditService],
  exports: [AuthService, AuditService],
})
export class AuthModule {}

/** The HTTP side: the login routes and the global guard. Imported by apps/api only. */
@Module({
  imports: [AuthModule],
  controllers: [AuthController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }, RateLimiter],
})
export class AuthHttpModule {}
