export type Lang = 'vi' | 'en';

const fmt = (lang: Lang, n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(n);

/** Every text of the post-fair report, in Vietnamese and English. */
export const LABELS = {
  vi: {
    title: 'Báo cáo tổng kết hội chợ',
    headline: 'Số liệu chính',
    arrivals: 'Lượt khách vào theo giờ',
    topSectors: 'Ngành hàng hàng đầu',
    topCountries: 'Quốc gia hàng đầu',
    meetingsPerDay: 'Cuộc gặp giao thương theo ngày',
    occupancy: 'Tỷ lệ lấp đầy gian hàng',
    sector: 'Ngành', exhibitors: 'Doanh nghiệp', visitors: 'Khách', visits: 'Lượt khách', country: 'Quốc gia',
    day: 'Ngày', scheduled: 'Đã xếp lịch', held: 'Đã diễn ra', noShow: 'Vắng mặt', hour: 'Giờ',
    kind: 'Loại gian hàng', total: 'Tổng', assigned: 'Đã phân', rate: 'Tỷ lệ',
    generated: 'Lập lúc',
    kinds: { international: 'Quốc tế', domestic: 'Trong nước', 'technical-matchmaking': 'Kỹ thuật - kết nối giao thương', 'technical-workshop': 'Kỹ thuật - hội thảo' } as Record<string, string>,
  },
  en: {
    title: 'Post-fair report',
    headline: 'Headline figures',
    arrivals: 'Arrivals per hour',
    topSectors: 'Top sectors',
    topCountries: 'Top countries',
    meetingsPerDay: 'Trade meetings per day',
    occupancy: 'Booth occupancy',
    sector: 'Sector', exhibitors: 'Exhibitors', visitors: 'Visitors', visits: 'Visits', country: 'Country',
    day: 'Day', scheduled: 'Scheduled', held: 'Held', noShow: 'No-show', hour: 'Hour',
    kind: 'Booth kind', total: 'Total', assigned: 'Assigned', rate: 'Rate',
    generated: 'Generated',
    kinds: { international: 'International', domestic: 'Domestic', 'technical-matchmaking': 'Technical - matchmaking', 'technical-workshop': 'Technical - workshop' } as Record<string, string>,
  },
} as const;

export interface Headline {
  companies: number;
  booths: { total: number; international: number; domestic: number; technical: number; technicalMatchmaking: number; technicalWorkshop: number };
  visits: number;
  tradeMeetings: number;
}

/** The headline in the form the organisers publish it (e.g. "180 booths (57 international, …)"). */
export function headlineLines(h: Headline, lang: Lang): string[] {
  const n = (x: number) => fmt(lang, x);
  const b = h.booths;
  return lang === 'vi'
    ? [
        `${n(h.companies)} doanh nghiệp tham gia`,
        `${n(b.total)} gian hàng (${n(b.international)} gian quốc tế, ${n(b.domestic)} gian trong nước, ${n(b.technical)} gian kỹ thuật: ${n(b.technicalMatchmaking)} gian kết nối giao thương + ${n(b.technicalWorkshop)} gian hội thảo)`,
        `${n(h.visits)} lượt khách tham quan`,
        `${n(h.tradeMeetings)} cuộc gặp giao thương`,
      ]
    : [
        `${n(h.companies)} exhibiting companies`,
        `${n(b.total)} booths (${n(b.international)} international, ${n(b.domestic)} domestic, ${n(b.technical)} technical: ${n(b.technicalMatchmaking)} matchmaking + ${n(b.technicalWorkshop)} workshop)`,
        `${n(h.visits)} visits`,
        `${n(h.tradeMeetings)} trade meetings`,
      ];
}
