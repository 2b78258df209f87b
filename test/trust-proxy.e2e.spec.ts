import { describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';

/**
 * The client address behind the per-address rate limits (decision 010) is taken from
 * X-Forwarded-For only from the proxies TRUST_PROXY names. By default nobody is believed: a
 * client writing a new X-Forwarded-For on every request is still counted under the address it
 * connects from. Sign-in links allow 20 requests per client address in 15 minutes; the test
 * clients connect from 127.0.0.1. Real API, PostgreSQL and Redis.
 */
describe('X-Forwarded-For and the per-address rate limits (TRUST_PROXY)', () => {
  const magicLink = async (sys: TestSystem, email: string, forwardedFor: string) => {
    const res = await fetch(`${sys.baseUrl}/api/exhibitor-auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email }),
    });
    return { status: res.status, code: ((await res.json()) as { code?: string }).code };
  };
  /** `trustProxy` unset (''), or a TRUST_PROXY value; the system is closed after `body` */
  async function withSystem(trustProxy: string, body: (sys: TestSystem) => Promise<void>) {
    const sys = await startTestSystem({ env: { TRUST_PROXY: trustProxy } });
    try {
      await body(sys);
    } finally {
      await sys.close();
    }
  }
  /** 20 requests claiming 20 different client addresses, then one claiming a 21st */
  async function spoofing(sys: TestSystem, tag: string) {
    for (let k = 0; k < 20; k++) expect(await magicLink(sys, `${tag}-${k}@example.jp`, `203.0.113.${k + 1}`)).toEqual({ status: 202, code: undefined });
    return magicLink(sys, `${tag}-fresh@example.jp`, '203.0.113.200');
  }

  it('by default believes no X-Forwarded-For: a client naming a new address each time is still limited', async () => {
    await withSystem('', async (sys) => {
      expect(await spoofing(sys, 'default')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    });
  });

  it('with TRUST_PROXY=false, or a list without the connecting address, the header is not believed either', async () => {
    for (const value of ['false', '10.0.0.1, 192.168.0.0/16']) {
      await withSystem(value, async (sys) => {
        expect([value, await spoofing(sys, 'untrusted')]).toEqual([value, { status: 429, code: 'RATE_LIMITED' }]);
      });
    }
  });

  it('with TRUST_PROXY naming the proxy (or true), each forwarded client address has its own count', async () => {
    for (const value of ['loopback', '127.0.0.1/32', 'true']) {
      await withSystem(value, async (sys) => {
        expect([value, await spoofing(sys, 'trusted')]).toEqual([value, { status: 202, code: undefined }]);
        // one forwarded client is limited on its own, and not the others
        for (let k = 0; k < 20; k++) expect((await magicLink(sys, `one-${k}@example.jp`, '198.51.100.7')).status).toBe(202);
        expect(await magicLink(sys, 'one-fresh@example.jp', '198.51.100.7')).toEqual({ status: 429, code: 'RATE_LIMITED' });
        expect((await magicLink(sys, 'one-fresh@example.jp', '198.51.100.8')).status).toBe(202);
      });
    }
  });
});
