import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './job-types';

export const HANDLES_JOB = 'fair:handles-job';

/** Marks a provider method as the handler of one job name; the worker finds it by discovery. */
export const HandlesJob = (name: JobName) => SetMetadata(HANDLES_JOB, name);

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;
