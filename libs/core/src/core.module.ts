import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, appConfig } from './config';
import { CLOCK, processClock } from './clock';

/** Config and clock for every module; the config object is the one parsed at start-up. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => appConfig() },
    { provide: CLOCK, useValue: processClock },
  ],
  exports: [APP_CONFIG, CLOCK],
})
export class CoreModule {}
