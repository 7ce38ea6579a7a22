import { ConfigError } from '../config';
import type { AuthService } from './auth-service';
import { newPassword } from './tokens';

export const ADMIN_USERNAME = 'admin';

/**
 * First run: creates `admin` with GRIDOPS_ADMIN_PASSWORD, or a random password that the caller
 * prints once (it is never stored in clear nor logged). Returns that random password, if any.
 */
export async function ensureAdmin(auth: AuthService, fromEnv?: string): Promise<{ created: boolean; generatedPassword?: string }> {
  const adminExists = async () => (await auth.listUsers()).some((u) => u.username === ADMIN_USERNAME);
  if (await adminExists()) return { created: false };
  if (fromEnv !== undefined && fromEnv.length < 10) throw new ConfigError('GRIDOPS_ADMIN_PASSWORD: at least 10 characters');
  const generatedPassword = fromEnv ? undefined : newPassword();
  try {
    await auth.createUser({ username: ADMIN_USERNAME, password: fromEnv ?? generatedPassword, role: 'admin' });
  } catch (error) {
    // Two nodes booting on a fresh database both found no admin; the one whose insert lost the
    // race starts as any later start does (the unique user name let one admin through).
    if (await adminExists()) return { created: false };
    throw error;
  }
  return { created: true, generatedPassword };
}

/** Demo accounts: documented passwords, for the demo feed only (GRIDOPS_DEMO=1). */
export const DEMO_ACCOUNTS = [
  { username: 'lead1', password: 'lead1-demo-pass', role: 'lead' },
  { username: 'lead2', password: 'lead2-demo-pass', role: 'lead' },
  { username: 'manager', password: 'manager-demo-pass', role: 'manager' },
] as const;

const DEMO_KIOSK = 'demo-wall';

/**
 * Creates the demo accounts when missing, and a fresh kiosk token for the wall on every start
 * (only hashes are stored, so the previous one cannot be printed again; it is revoked instead).
 */
export async function ensureDemoAccounts(auth: AuthService): Promise<{ kioskPath: string }> {
  const users = new Set((await auth.listUsers()).map((u) => u.username));
  for (const account of DEMO_ACCOUNTS) {
    if (!users.has(account.username)) await auth.createUser(account);
  }
  for (const key of await auth.listApiKeys()) {
    if (key.name === DEMO_KIOSK && !key.revokedAt) await auth.revokeApiKey(key.id);
  }
  const { token } = await auth.createApiKey({ name: DEMO_KIOSK, role: 'wall' }, { id: 'demo-seed', role: 'admin' });
  return { kioskPath: `/wall?kiosk=${token}` };
}
