import { describe, expect, it } from '@jest/globals';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('gives working defaults in development, with the embedded database when DATABASE_URL is unset', () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.embeddedDatabase).toBe(true);
    expect(config.isProduction).toBe(false);
  });

  it('names the variable and what it expects, one line each', () => {
    expect(() => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      const lines = (err as Error).message.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines.find((l) => l.includes('PORT="eighty"'))).toMatch(/expected/);
      expect(lines.find((l) => l.includes('DATABASE_URL'))).toMatch(/postgres:\/\//);
    }
  });

  it('has no working secret in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' })).toThrow(/APP_SECRET is required/);
    expect(() => parseConfig({ NODE_ENV: 'production', APP_SECRET: 'short', SMTP_URL: 'smtp://mail:25' })).toThrow(/APP_SECRET/);
    const ok = parseConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40), SMTP_URL: 'smtp://mail:25' });
    expect(ok.APP_SECRET).toBe('x'.repeat(40));
  });

  it('requires a real SMTP server in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', APP_SECRET: 'x'.repeat(40) })).toThrow(/SMTP_URL/);
  });
});

describe('PUBLIC_URL', () => {
  it('follows PORT unless given', () => {
    expect(parseConfig({ PORT: '3100' }).PUBLIC_URL).toBe('http://localhost:3100');
    expect(parseConfig({ PUBLIC_URL: 'https://fair.example.vn/' }).PUBLIC_URL).toBe('https://fair.example.vn');
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told: clients cannot choose their address', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('takes true or the proxies as addresses, CIDR ranges and range names', () => {
    expect(parseConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1,loopback , fd00::/8,::1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1', 'loopback', 'fd00::/8', '::1']);
    expect(parseConfig({ TRUST_PROXY: '192.168.1.10' }).TRUST_PROXY).toEqual(['192.168.1.10']);
  });

  it('refuses a hop count, bad addresses and bad prefixes, naming them', () => {
    expect(() => parseConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY="1" - expected .*hop count/);
    expect(() => parseConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY="yes" - expected .*not "yes"/);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not "10.0.0.0\/33"/);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.1, proxy.local' })).toThrow(/not "proxy.local"/);
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.1,' })).toThrow(/not ""/);
    expect(parseConfig({ TRUST_PROXY: '::/0' }).TRUST_PROXY).toEqual(['::/0']);
  });
});
