export const BOOTH_KINDS = ['international', 'domestic', 'technical-matchmaking', 'technical-workshop'] as const;
export type BoothKind = (typeof BOOTH_KINDS)[number];

export const BOOTH_KIND_LABELS: Record<BoothKind, { vi: string; en: string }> = {
  international: { vi: 'Gian quốc tế', en: 'International booth' },
  domestic: { vi: 'Gian trong nước', en: 'Domestic booth' },
  'technical-matchmaking': { vi: 'Gian hỗ trợ kỹ thuật – kết nối giao thương', en: 'Technical booth – B2B matchmaking' },
  'technical-workshop': { vi: 'Gian hỗ trợ kỹ thuật – hội thảo kỹ thuật', en: 'Technical booth – workshop' },
};

export function emptyKindCounts(): Record<BoothKind, number> {
  return { international: 0, domestic: 0, 'technical-matchmaking': 0, 'technical-workshop': 0 };
}
