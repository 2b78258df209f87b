import { Injectable } from '@nestjs/common';
import { HandlesJob } from '../handles-job.decorator';
import type { JobPayloads } from '../job-types';

@Injectable()
export class SystemJobs {
  @HandlesJob('system.ping')
  async ping(payload: JobPayloads['system.ping']): Promise<{ pong: string }> {
    return { pong: payload.note };
  }
}
