import { describe, expect, it } from '@jest/globals';
import { pickLang } from './i18n';

describe('pickLang', () => {
  it('defaults to Vietnamese', () => {
    expect(pickLang(undefined)).toBe('vi');
    expect(pickLang('ja-JP')).toBe('vi');
  });
  it('follows the ranked Accept-Language header', () => {
    expect(pickLang('en-US,en;q=0.9')).toBe('en');
    expect(pickLang('ja;q=1, en;q=0.5, vi;q=0.8')).toBe('vi');
  });
  it('lets an explicit choice win', () => {
    expect(pickLang('vi', 'en')).toBe('en');
  });
});
