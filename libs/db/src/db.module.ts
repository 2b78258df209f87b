import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@fair/core';
import { dataSourceOptions } from './data-source.options';

/**
 * The TypeORM connection for api and worker. Entities come from each domain module's
 * TypeOrmModule.forFeature (autoLoadEntities); the schema comes only from migrations.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.DATABASE_URL) {
          throw new Error(
            'DATABASE_URL is not set: start the system with `npm start` (which runs the embedded database) or set DATABASE_URL=postgres://...',
          );
        }
        return {
          ...dataSourceOptions({ url: config.DATABASE_URL, entities: [], poolSize: config.DATABASE_POOL_SIZE }),
          autoLoadEntities: true,
        };
      },
    }),
  ],
})
export class DbModule {}
