import bcrypt from 'bcryptjs';

/** bcrypt cost: 10 ≈ 70 ms per check here, slow enough for guessing, fast enough for a login. */
export const DEFAULT_ROUNDS = 10;

export const hashPassword = (password: string, rounds = DEFAULT_ROUNDS): Promise<string> => bcrypt.hash(password, rounds);

export const verifyPassword = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash);

/**
 * Checked against when the username does not exist, so an unknown name takes as long to refuse
 * as a wrong password (no user enumeration by timing): a hash at DEFAULT_ROUNDS of 24 random
 * bytes that were thrown away. Written out rather than hashed at start, which cost every server
 * process 130–180 ms of CPU before it could answer (a restarted node, every test worker).
 */
export const UNKNOWN_USER_HASH = '$2b$10$mjViRqbJdrKX3dxjgSEtq.QWJftflXUvZ/324PqXyYVY7m3U.hXGS';
