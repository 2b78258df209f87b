import type { BoothKind } from './booth-kind';
import type { FloorPlanBoothRow } from './floor-plan.csv';
import type { Sector } from './fair.entity';

/**
 * "Hanoi Manufacturers' Network 2018" as published by the Hanoi Industrial Promotion Centre:
 * 180 booths = 57 international + 83 domestic + 40 technical (20 matchmaking + 20 workshop).
 * The article gives no dates or venue; those below are placeholders an organiser can edit.
 */
export const REFERENCE_FAIR = {
  slug: 'hanoi-manufacturers-network-2018',
  nameVi: 'Mạng lưới các nhà công nghiệp chế tạo Hà Nội 2018',
  nameEn: "Hanoi Manufacturers' Network 2018",
  venueVi: 'Hà Nội',
  venueEn: 'Hanoi',
  organiserVi: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội',
  organiserEn: 'Hanoi Industrial Promotion and Industrial Development Consulting Centre',
  startsOn: '2018-05-24',
  endsOn: '2018-05-26',
  timeZone: 'Asia/Ho_Chi_Minh',
} as const;

export const REFERENCE_COUNTS: Record<BoothKind, number> = {
  international: 57,
  domestic: 83,
  'technical-matchmaking': 20,
  'technical-workshop': 20,
};

export const REFERENCE_SECTORS: Sector[] = [
  { code: 'mechanical', vi: 'Cơ khí chế tạo', en: 'Mechanical engineering' },
  { code: 'electronics', vi: 'Điện – điện tử', en: 'Electrical and electronics' },
  { code: 'supporting-industries', vi: 'Công nghiệp hỗ trợ', en: 'Supporting industries' },
  { code: 'automation', vi: 'Tự động hoá', en: 'Automation and robotics' },
  { code: 'plastics-rubber', vi: 'Nhựa – cao su', en: 'Plastics and rubber' },
  { code: 'moulds-dies', vi: 'Khuôn mẫu', en: 'Moulds and dies' },
  { code: 'automotive-parts', vi: 'Linh kiện ô tô – xe máy', en: 'Automotive and motorbike parts' },
  { code: 'materials', vi: 'Vật liệu', en: 'Materials' },
  { code: 'packaging', vi: 'Bao bì', en: 'Packaging' },
  { code: 'handicrafts', vi: 'Thủ công mỹ nghệ', en: 'Handicrafts' },
  { code: 'textiles', vi: 'Dệt may', en: 'Textiles and garments' },
  { code: 'services', vi: 'Dịch vụ kỹ thuật – tư vấn', en: 'Technical services and consulting' },
];

const PRICE: Record<BoothKind, number> = {
  international: 52_000_000,
  domestic: 16_000_000,
  'technical-matchmaking': 0,
  'technical-workshop': 0,
};

/**
 * Lays out rows of 3 m x 3 m booths: each hall has double rows back to back with 3 m aisles,
 * so a booth's neighbours are the booths beside it and behind it, and row ends are corners.
 */
function layoutHall(
  hall: { code: string; nameVi: string; nameEn: string; originX: number },
  blocks: { kind: BoothKind; count: number; prefix: string }[],
  perRow: number,
): Omit<FloorPlanBoothRow, 'line'>[] {
  const out: Omit<FloorPlanBoothRow, 'line'>[] = [];
  let slot = 0;
  for (const block of blocks) {
    for (let i = 1; i <= block.count; i++, slot++) {
      const rowIndex = Math.floor(slot / perRow);
      const col = slot % perRow;
      // Rows come in back-to-back pairs; an aisle of 3 m follows every pair.
      const pair = Math.floor(rowIndex / 2);
      const y = pair * 9 + (rowIndex % 2) * 3 + 3;
      const x = hall.originX + 3 + col * 3;
      out.push({
        hall: hall.code,
        hallNameVi: hall.nameVi,
        hallNameEn: hall.nameEn,
        code: `${block.prefix}${String(i).padStart(2, '0')}`,
        kind: block.kind,
        areaM2: 9,
        isCorner: col === 0 || col === perRow - 1,
        priceVnd: PRICE[block.kind] + (col === 0 || col === perRow - 1 ? 4_000_000 : 0) * (PRICE[block.kind] > 0 ? 1 : 0),
        x,
        y,
        width: 3,
        height: 3,
      });
    }
  }
  return out;
}

/** The 180 booths of the reference fair, in three halls side by side. */
export function referenceFloorPlan(): Omit<FloorPlanBoothRow, 'line'>[] {
  return [
    ...layoutHall(
      { code: 'A', nameVi: 'Nhà A – Khu quốc tế', nameEn: 'Hall A – International', originX: 0 },
      [{ kind: 'international', count: REFERENCE_COUNTS.international, prefix: 'A' }],
      10,
    ),
    ...layoutHall(
      { code: 'B', nameVi: 'Nhà B – Khu trong nước', nameEn: 'Hall B – Domestic', originX: 40 },
      [{ kind: 'domestic', count: REFERENCE_COUNTS.domestic, prefix: 'B' }],
      12,
    ),
    ...layoutHall(
      { code: 'C', nameVi: 'Nhà C – Hỗ trợ kỹ thuật', nameEn: 'Hall C – Technical support', originX: 86 },
      [
        { kind: 'technical-matchmaking', count: REFERENCE_COUNTS['technical-matchmaking'], prefix: 'CM' },
        { kind: 'technical-workshop', count: REFERENCE_COUNTS['technical-workshop'], prefix: 'CW' },
      ],
      10,
    ),
  ];
}
