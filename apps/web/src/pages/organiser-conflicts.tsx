import { useCallback, useEffect, useState } from 'react';
import { ok, organiserApi } from '../api/client';
import type { CheckinConflict, Fair, VisitorType } from '../api/views';
import { useI18n } from '../i18n';

/**
 * The organisers' report of what offline gates let through that the server would not have:
 * the same single-entry pass admitted at two gates, or a pass admitted that was no longer valid.
 * Read from the API when the page opens and on demand (the gates upload when they reconnect).
 */
export function OfflineConflicts({ fair }: { fair: Fair }) {
  const { t, dateTime } = useI18n();
  const [rows, setRows] = useState<CheckinConflict[] | null>(null);
  const [failed, setFailed] = useState(false);
  const load = useCallback(() => {
    ok(organiserApi.GET('/api/checkin/fairs/{fair}/conflicts', { params: { path: { fair: fair.id } } }))
      .then((r) => (setRows(r), setFailed(false)))
      .catch(() => setFailed(true));
  }, [fair.id]);
  useEffect(load, [load]);
  return (
    <section className="panel" data-testid="offline-conflicts" aria-labelledby="offline-conflicts-title">
      <h2 id="offline-conflicts-title">{t.conflictsTitle}</h2>
      <p className="muted">{t.conflictsHint}</p>
      <button type="button" onClick={load}>
        {t.refresh}
      </button>
      {failed && <p role="alert">{t.conflictsLoadFailed}</p>}
      {rows && rows.length === 0 && <p data-testid="no-conflicts">{t.noConflicts}</p>}
      {rows && rows.length > 0 && (
        <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.conflictWhen}</th>
              <th scope="col">{t.conflictKindLabel}</th>
              <th scope="col">{t.conflictPass}</th>
              <th scope="col">{t.conflictGate}</th>
              <th scope="col">{t.conflictEarlier}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-conflict={c.id}>
                <td>{dateTime(c.scannedAt)}</td>
                <td>
                  {t.conflictKind[c.kind]} ({t.verdict[c.verdict]})
                </td>
                <td>
                  {c.visitorName} · {t.visitorType[c.visitorType as VisitorType] ?? c.visitorType} · #{c.serial}
                </td>
                <td>{c.gate}</td>
                <td>{c.earlierGate ? `${c.earlierGate}, ${dateTime(c.earlierScannedAt!)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
