import { Foundation1790000000000 } from './1790000000000-foundation';
import { Exhibitors1790000100000 } from './1790000100000-exhibitors';
import { Visitors1790000200000 } from './1790000200000-visitors';
import { Checkin1790000210000 } from './1790000210000-checkin';
import { CheckinScanFunction1790000220000 } from './1790000220000-checkin-scan-function';
import { CheckinScanBatch1790000230000 } from './1790000230000-checkin-scan-batch';
import { Booths1790000300000 } from './1790000300000-booths';
import { Matchmaking1790000400000 } from './1790000400000-matchmaking';
import { MatchmakingOperations1790000410001 } from './1790000410001-matchmaking-operations';
import { Leads1790000600000 } from './1790000600000-leads';
import { ReportRuns1790000610000 } from './1790000610000-report-runs';
import { CheckinTallyPerStatement1790000620000 } from './1790000620000-checkin-tally-per-statement';
import { CheckinSetBasedScans1790000630000 } from './1790000630000-checkin-set-based-scans';
import { MailStatusHotUpdates1790000640000 } from './1790000640000-mail-status-hot-updates';

/**
 * Every migration, in order. Each domain adds its own file here; the same list runs on
 * real PostgreSQL and on the embedded PGlite.
 */
export const migrations = [Foundation1790000000000, Exhibitors1790000100000, Visitors1790000200000, Checkin1790000210000, CheckinScanFunction1790000220000, CheckinScanBatch1790000230000, Booths1790000300000, Matchmaking1790000400000, MatchmakingOperations1790000410001, Leads1790000600000, ReportRuns1790000610000, CheckinTallyPerStatement1790000620000, CheckinSetBasedScans1790000630000, MailStatusHotUpdates1790000640000];
