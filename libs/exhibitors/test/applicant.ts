import { eventually, type TestSystem } from '@fair/testing';
import { applicationBody } from '../src/testing/application-fixtures';
import { linkToken, mailsTo } from './mail-helpers';

export const REF_FAIR = 'hanoi-manufacturers-network-2018';

/** Applies through the API, follows the emailed confirmation link; returns the id and a session. */
export async function confirmedApplicant(sys: TestSystem, i: number, overrides: Record<string, unknown> = {}): Promise<{ id: string; session: string; email: string }> {
  const body = applicationBody(i, overrides);
  const res = await sys.http('POST', `/api/fairs/${REF_FAIR}/exhibitor-applications`, { body });
  if (res.status !== 201) throw new Error(`apply failed: ${res.status} ${JSON.stringify(res.body)}`);
  const email = String(body.email).toLowerCase();
  const mail = await eventually(async () => (await mailsTo(sys, email)).find((m) => m.text.includes('/exhibitor/confirm?token=')));
  const confirmed = await sys.http('POST', '/api/exhibitor-auth/confirm', { body: { token: linkToken(mail, '/exhibitor/confirm') } });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { id: res.body.id, session: confirmed.body.token, email };
}
