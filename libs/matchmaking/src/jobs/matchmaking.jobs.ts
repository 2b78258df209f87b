import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { TallyStore } from '@fair/tallies';
import { MeetingCheckinService } from '../meeting-checkin.service';
import { MeetingRequestsService } from '../meeting-requests.service';
import { meetingIncrements } from '../meeting-tallies';

/** A pending request reached its expiry time (outbox runAt): expired if still pending. */
@Injectable()
export class RequestExpiryJob {
  constructor(private readonly requests: MeetingRequestsService) {}

  @HandlesJob('matchmaking.request-expire')
  async handle(payload: JobPayloads['matchmaking.request-expire']) {
    return { outcome: await this.requests.expire(payload.requestId) };
  }
}

/** A scheduled meeting's slot ended: no-show unless both sides checked in. */
@Injectable()
export class MeetingCloseJob {
  constructor(private readonly checkin: MeetingCheckinService) {}

  @HandlesJob('matchmaking.meeting-close')
  async handle(payload: JobPayloads['matchmaking.meeting-close']) {
    return { outcome: await this.checkin.close(payload.meetingId) };
  }
}

/** Applies one matchmaking event to the meeting tallies, once per event id whatever the retries. */
@Injectable()
export class MeetingTallyJob {
  constructor(private readonly store: TallyStore) {}

  @HandlesJob('matchmaking.tally')
  async handle(payload: JobPayloads['matchmaking.tally']) {
    return { applied: await this.store.applyOnce(payload.eventId, meetingIncrements(payload)) };
  }
}
