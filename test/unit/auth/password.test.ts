import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDS, hashPassword, UNKNOWN_USER_HASH, verifyPassword } from '../../../server/auth/password';

describe('the decoy hash an unknown user name is checked against', () => {
  it('costs what a real password costs, so refusing an unknown name takes as long as a wrong password', async () => {
    const real = await hashPassword('lead1-secret-pw');
    expect(bcrypt.getRounds(UNKNOWN_USER_HASH)).toBe(DEFAULT_ROUNDS);
    expect(bcrypt.getRounds(UNKNOWN_USER_HASH)).toBe(bcrypt.getRounds(real));
    // Same algorithm and salt layout as the stored hashes: a well-formed 60-character bcrypt hash.
    expect(UNKNOWN_USER_HASH.slice(0, 4)).toBe(real.slice(0, 4));
    expect(UNKNOWN_USER_HASH).toHaveLength(real.length);
  });

  it('matches no password anyone would try', async () => {
    for (const guess of ['', 'no such user: timing decoy', 'lead1-secret-pw', 'admin', UNKNOWN_USER_HASH]) {
      expect(await verifyPassword(guess, UNKNOWN_USER_HASH)).toBe(false);
    }
  });
});
