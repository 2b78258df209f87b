import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BoothEntity } from './booth.entity';
import { FairEntity } from './fair.entity';
import { HallEntity } from './hall.entity';
import { FairsService } from './fairs.service';
import { ReferenceFairSeeder } from './reference-fair.seeder';
import { FairsController } from './http/fairs.controller';

@Module({
  imports: [TypeOrmModule.forFeature([FairEntity, HallEntity, BoothEntity])],
  providers: [FairsService, ReferenceFairSeeder],
  exports: [FairsService, ReferenceFairSeeder],
})
export class FairsModule {}

@Module({ imports: [FairsModule], controllers: [FairsController] })
export class FairsHttpModule {}
