import { Injectable } from '@nestjs/common';

export type BoothCodesLookup = (fairId: string, exhibitorIds: string[]) => Promise<Map<string, string[]>>;

/**
 * The hook through which booth allocation (libs/booths, which depends on this library and not
 * the other way round) tells the catalogue and the portal which booths an exhibitor holds:
 * `boothCodes.provide(lookup)` from a provider's onModuleInit. Until then everyone has none.
 */
@Injectable()
export class ExhibitorBoothCodes {
  private lookup?: BoothCodesLookup;

  provide(lookup: BoothCodesLookup): void {
    if (this.lookup) throw new Error('ExhibitorBoothCodes: a booth code lookup is already provided');
    this.lookup = lookup;
  }

  async codes(fairId: string, exhibitorIds: string[]): Promise<Map<string, string[]>> {
    if (!this.lookup || exhibitorIds.length === 0) return new Map();
    return this.lookup(fairId, exhibitorIds);
  }
}
