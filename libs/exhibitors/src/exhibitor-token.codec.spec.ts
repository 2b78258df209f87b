import { describe, expect, it } from '@jest/globals';
import { signToken, verifyToken } from './exhibitor-token.codec';

const secret = 'a-test-secret-of-at-least-32-characters!!';
const id = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

describe('exhibitor link tokens', () => {
  it('verifies its own token and yields the row id', () => {
    expect(verifyToken(secret, 'confirm-email', signToken(secret, 'confirm-email', id))).toBe(id);
  });
  it('refuses another purpose, another secret, a changed id and garbage', () => {
    const token = signToken(secret, 'confirm-email', id);
    expect(verifyToken(secret, 'magic-link', token)).toBeNull();
    expect(verifyToken(`${secret}x`, 'confirm-email', token)).toBeNull();
    expect(verifyToken(secret, 'confirm-email', token.replace('3f2b', '3f2c'))).toBeNull();
    for (const bad of ['', 'x', `${id}.`, `${id}`, 42, null, 'a'.repeat(500)]) expect(verifyToken(secret, 'confirm-email', bad)).toBeNull();
  });
});
