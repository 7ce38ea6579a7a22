import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, API keys and kiosk tokens. */
export const newToken = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

/** What the database keeps instead of a token: a leaked copy of it lets nobody in. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A password people can type: 16 characters from an alphabet without look-alikes (0/O, 1/l). */
export function newPassword(length = 16): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
