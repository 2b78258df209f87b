import type { TestSystem } from '@fair/testing';
import { createOpenFair } from '../../visitors/test/visitors.fixtures';

/** An open fair with visitors imported by CSV (each gets a pass); pass codes by email. */
export async function fairWithVisitors(sys: TestSystem, slug: string, emails: string[]) {
  const org = await sys.signIn('organiser');
  const fair = await createOpenFair(sys, org, slug);
  const csv = ['name,email,country,visitor_type,phone', ...emails.map((e, i) => `Khách ${i},${e},VN,trade-buyer,+84 90 000 00${i % 10}`)].join('\n');
  const imp = await sys.http('POST', `/api/visitors/fairs/${slug}/import`, { token: org, body: { csv } });
  if (imp.status !== 200) throw new Error(`import: ${imp.status} ${JSON.stringify(imp.body)}`);
  const rows: { email: string; code: string }[] = await sys.dataSource.query(`SELECT v.email, p.code FROM passes p JOIN visitors v ON v.id = p.visitor_id WHERE p.fair_id = $1`, [fair.id]);
  return { fair, org, codes: new Map(rows.map((r) => [r.email, r.code])) };
}

/** An exhibitor of the fair in a given status, owned by the user with this email (the application flow has its own tests). */
export async function exhibitorOf(sys: TestSystem, fairId: string, userEmail: string, status: string): Promise<string> {
  const [row] = await sys.dataSource.query(
    `INSERT INTO exhibitors (fair_id, status, legal_name, country, origin, tax_id, address, contact_name, email, phone, consent_at, user_id)
     SELECT $1, $2, 'Lead Co ' || u.email, 'VN', 'domestic', 'LEAD' || upper(substr(md5(u.email), 1, 8)), 'Hà Nội', 'Staff', u.email, '+84912345678', now(), u.id
       FROM users u WHERE u.email = $3 RETURNING id`,
    [fairId, status, userEmail],
  );
  return row.id;
}
