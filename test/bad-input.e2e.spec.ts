import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ReferenceFairSeeder } from '@fair/fairs';

/**
 * Walks every operation of the OpenAPI document and sends it malformed input as an organiser:
 * no answer may be a 5xx or leak a stack trace, whatever the endpoint.
 */
describe('bad input on every endpoint', () => {
  let sys: TestSystem;
  let organiser: string;
  let fairId: string;

  beforeAll(async () => {
    sys = await startTestSystem({ worker: false });
    organiser = await sys.signIn('organiser');
    fairId = (await sys.api.get(ReferenceFairSeeder).seed()).fairId;
  });
  afterAll(() => sys?.close());

  const bodies: unknown[] = [
    {},
    { unknownField: 1 },
    '{"truncated": ',
    [1, 2, 3],
    { name: '<script>alert(1)</script>'.repeat(2000), email: 'not-an-email', count: -1, csv: 'a,b\n"unterminated' },
    'x'.repeat(70_000),
  ];

  it('never answers 5xx nor shows a stack', async () => {
    const doc = (await sys.http('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const failures: string[] = [];
    let calls = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const variants = [
          template.replace(/\{fair\}|\{fairId\}/g, fairId).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
          template.replace(/\{[^}]+\}/g, 'not-a-uuid%00'),
        ];
        for (const path of variants) {
          for (const body of method === 'get' || method === 'delete' ? [undefined] : bodies) {
            const res = await sys.http(method.toUpperCase(), path, { token: organiser, body, lang: calls % 2 ? 'vi' : 'en' });
            calls++;
            const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
            if (res.status >= 500 || /\bat .+\.(ts|js):\d+/.test(text)) failures.push(`${method.toUpperCase()} ${path} -> ${res.status} ${text.slice(0, 200)}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
