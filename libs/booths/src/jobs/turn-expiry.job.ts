import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobPayloads } from '@fair/jobs';
import { RoundsService } from '../rounds.service';

/** A self-selection turn's window ended: if that turn is still running, it is missed and passes on. */
@Injectable()
export class TurnExpiryJob {
  constructor(private readonly rounds: RoundsService) {}

  @HandlesJob('booths.turn-expire')
  async handle(payload: JobPayloads['booths.turn-expire']): Promise<{ missed: boolean }> {
    return { missed: await this.rounds.expireTurn(payload.roundId, payload.position) };
  }
}
