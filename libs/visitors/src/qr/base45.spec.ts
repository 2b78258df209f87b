import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { base45Decode, base45Encode } from './base45';

describe('base45', () => {
  it('matches the RFC 9285 examples', () => {
    expect(base45Encode(Buffer.from('AB'))).toBe('BB8');
    expect(base45Encode(Buffer.from('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(Buffer.from('base-45'))).toBe('UJCLQE7W581');
    expect(Buffer.from(base45Decode('QED8WEX0')!).toString()).toBe('ietf!');
  });

  it('round-trips random bytes of every small length', () => {
    for (let len = 0; len < 200; len++) {
      const bytes = randomBytes(len);
      expect(Buffer.from(base45Decode(base45Encode(bytes))!)).toEqual(bytes);
    }
  });

  it('refuses non-canonical text', () => {
    expect(base45Decode('GGW')).toBeNull(); // 65536+ does not fit two bytes
    expect(base45Decode('A')).toBeNull(); // a single dangling character
    expect(base45Decode('ab')).toBeNull(); // lower case is not in the alphabet
    expect(base45Decode('Ü0')).toBeNull();
    expect(base45Decode(':Z')).toBeNull(); // 44 + 35*45 > 255 for a final pair
  });
});
