import type { ParticipantRow } from './participant-profile';

export interface Recommendation {
  participantId: string;
  displayName: string;
  score: number;
  reasons: { en: string; vi: string }[];
}

const norm = (s: string) => s.trim().toLowerCase();
const overlap = (x: string[], y: string[]) => {
  const ys = new Set(y.map(norm));
  return [...new Set(x.filter((v) => ys.has(norm(v))))];
};

/**
 * Ranked counterparts for `me`, with the reasons in words (vi/en). Never oneself, one's own
 * company, or anyone in `excluded` (e.g. who declined before, or already has a request with me).
 */
export function recommend(me: ParticipantRow, others: ParticipantRow[], excluded: Set<string>, limit = 20): Recommendation[] {
  const out: Recommendation[] = [];
  for (const o of others) {
    if (o.id === me.id || o.company_key === me.company_key || excluded.has(o.id)) continue;
    const reasons: Recommendation['reasons'] = [];
    let score = 0;
    for (const v of overlap(me.seeks, o.offers)) {
      score += 5;
      reasons.push({ en: `you seek ${v}; they offer ${v}`, vi: `bạn cần ${v}; họ cung cấp ${v}` });
    }
    for (const v of overlap(me.offers, o.seeks)) {
      score += 5;
      reasons.push({ en: `they seek ${v}; you offer ${v}`, vi: `họ cần ${v}; bạn cung cấp ${v}` });
    }
    const sectors = overlap(me.sectors, o.sectors);
    if (sectors.length) {
      score += 2 * sectors.length;
      reasons.push({ en: `same sector: ${sectors.join(', ')}`, vi: `cùng lĩnh vực: ${sectors.join(', ')}` });
    }
    if (me.countries.includes(o.country)) {
      score += 2;
      reasons.push({ en: `they are from ${o.country}, a country you are interested in`, vi: `họ đến từ ${o.country}, quốc gia bạn quan tâm` });
    }
    const langs = overlap(me.languages, o.languages);
    if (score > 0 && langs.length) {
      score += 1;
      reasons.push({ en: `both speak ${langs.join(', ')}`, vi: `hai bên cùng nói ${langs.join(', ')}` });
    }
    if (score > 0) out.push({ participantId: o.id, displayName: o.display_name, score, reasons });
  }
  return out.sort((x, y) => y.score - x.score || x.displayName.localeCompare(y.displayName)).slice(0, limit);
}
