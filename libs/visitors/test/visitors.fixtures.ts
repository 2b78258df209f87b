import type { TestSystem } from '@fair/testing';

/** A fair open from yesterday to the day after tomorrow, so passes are valid now. */
export async function createOpenFair(sys: TestSystem, token: string, slug: string): Promise<{ id: string; slug: string }> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const res = await sys.http('POST', '/api/fairs', {
    token,
    body: { slug, nameVi: `Hội chợ ${slug}`, nameEn: `Fair ${slug}`, venueVi: 'Cung Văn hoá Hữu nghị', venueEn: 'Friendship Cultural Palace', startsOn: day(-1), endsOn: day(2) },
  });
  if (res.status !== 201) throw new Error(`fair: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, slug };
}

export function visitorCsv(count: number, prefix: string): string {
  const types = ['trade-buyer', 'importer', 'general', 'press', 'exhibitor-staff'];
  const lines = ['name,email,country,visitor_type,company,sectors,lang'];
  for (let i = 0; i < count; i++) {
    lines.push(`Khách ${prefix} ${i},${prefix}-${i}@example.vn,${i % 3 ? 'VN' : 'JP'},${types[i % 5]},Công ty ${i},mechanical,${i % 2 ? 'en' : 'vi'}`);
  }
  return lines.join('\n');
}
