import type { PlanBooth } from '../api/views';
import { useI18n } from '../i18n';

const STATUS_FILL: Record<PlanBooth['status'], string> = {
  available: '#e7f5ea',
  // free, but not of a kind the exhibitor asked for (its portal only): it cannot pick it
  'not-requested': '#f3d9dc',
  // free and of a kind it asked for, but it already has as many of that kind as it asked for
  enough: '#ece3f5',
  held: '#ffe8a3',
  assigned: '#9cc3f0',
  taken: '#d0d4d9',
  mine: '#1f7a3a',
};
const KIND_STROKE: Record<string, string> = {
  international: '#0b4f8a',
  domestic: '#7a3e00',
  'technical-matchmaking': '#6b2c91',
  'technical-workshop': '#005f5a',
};

/**
 * The floor plan drawn from the booths' positions, one SVG per hall: fill = status, border =
 * kind. Booths are buttons (Tab, Enter/Space) when `onPick` is given; `marked` booths (a
 * selection, a proposal's changes) get a thick dashed outline.
 */
export function FloorPlan<B extends PlanBooth>({ booths, onPick, marked = new Set(), canPick = () => true }: { booths: B[]; onPick?(b: B): void; marked?: Set<string>; canPick?(b: B): boolean }) {
  const { t, vnd } = useI18n();
  const halls = [...new Set(booths.map((b) => b.hall))];
  return (
    <div className="floor-plan">
      <ul className="legend" aria-label={t.legend}>
        {(Object.keys(STATUS_FILL) as PlanBooth['status'][])
          .filter((s) => booths.some((b) => b.status === s))
          .map((s) => (
            <li key={s} data-status={s}>
              <span className="swatch" style={{ background: STATUS_FILL[s] }} /> {t.boothStatus[s]}
            </li>
          ))}
        {Object.entries(KIND_STROKE).map(([k, c]) => (
          <li key={k} data-kind={k}>
            <span className="swatch outline" style={{ borderColor: c }} /> {t.kind[k as keyof typeof t.kind]}
          </li>
        ))}
      </ul>
      {halls.map((hall) => {
        const list = booths.filter((b) => b.hall === hall);
        const minX = Math.min(...list.map((b) => b.x));
        const minY = Math.min(...list.map((b) => b.y));
        const maxX = Math.max(...list.map((b) => b.x + b.width));
        const maxY = Math.max(...list.map((b) => b.y + b.height));
        const pad = 1;
        return (
          <figure key={hall} className="hall">
            <figcaption>
              {t.hall} {hall}
            </figcaption>
            <svg viewBox={`${minX - pad} ${minY - pad} ${maxX - minX + 2 * pad} ${maxY - minY + 2 * pad}`} role="group" aria-label={`${t.hall} ${hall}`}>
              {list.map((b) => {
                const pickable = !!onPick && canPick(b);
                const label = `${b.code}, ${t.kind[b.kind as keyof typeof t.kind] ?? b.kind}, ${t.boothStatus[b.status]}${'occupant' in b && b.occupant ? `, ${b.occupant.name}` : ''}, ${b.areaM2} m², ${vnd(b.priceVnd)}`;
                return (
                  <g
                    key={b.id}
                    data-booth={b.code}
                    data-status={b.status}
                    data-kind={b.kind}
                    data-marked={marked.has(b.id) || undefined}
                    role={pickable ? 'button' : 'img'}
                    tabIndex={pickable ? 0 : undefined}
                    aria-label={label}
                    aria-pressed={pickable ? marked.has(b.id) : undefined}
                    className={pickable ? 'booth pickable' : 'booth'}
                    onClick={pickable ? () => onPick!(b) : undefined}
                    onKeyDown={
                      pickable
                        ? (e) => {
                            if (e.key === 'Enter' || e.key === ' ') {
                              e.preventDefault();
                              onPick!(b);
                            }
                          }
                        : undefined
                    }
                  >
                    <title>{label}</title>
                    <rect
                      x={b.x + 0.08}
                      y={b.y + 0.08}
                      width={b.width - 0.16}
                      height={b.height - 0.16}
                      fill={STATUS_FILL[b.status]}
                      stroke={marked.has(b.id) ? '#d6336c' : KIND_STROKE[b.kind] ?? '#333'}
                      strokeWidth={marked.has(b.id) ? 0.35 : 0.15}
                      strokeDasharray={marked.has(b.id) ? '0.5 0.25' : undefined}
                    />
                    <text x={b.x + b.width / 2} y={b.y + b.height / 2} fontSize={Math.min(b.width, b.height) / 3.2} textAnchor="middle" dominantBaseline="central" fill={b.status === 'mine' ? '#fff' : '#111'}>
                      {b.code}
                    </text>
                  </g>
                );
              })}
            </svg>
          </figure>
        );
      })}
    </div>
  );
}
