import { asc, count, eq, lt } from 'drizzle-orm';
import type { PgConnection, PgDb } from '../../db/pg/connection';
import * as schema from '../../db/pg/schema';
import { isRole } from '../../shared/auth/accounts';
import type { Role } from '../../shared/roles';
import type { ApiKeyRecord, AuthStore, SessionRecord, UserRecord } from './auth-store';

const role = (value: string): Role => {
  if (!isRole(value)) throw new Error(`unknown role '${value}' in the database`);
  return value;
};

/**
 * Accounts, sessions and keys in PostgreSQL. Every node reads the same rows, so a logout, a
 * disabled user or a revoked key on one node holds on all of them at their next check.
 */
export class PgAuthStore implements AuthStore {
  private readonly db: PgDb;

  constructor(connection: PgConnection) {
    this.db = connection.db;
  }

  async getUser(username: string) {
    const [row] = await this.db.select().from(schema.users).where(eq(schema.users.username, username));
    return row && { ...row, role: role(row.role) };
  }

  async listUsers() {
    const rows = await this.db.select().from(schema.users).orderBy(asc(schema.users.username));
    return rows.map(({ passwordHash: _hash, ...user }) => ({ ...user, role: role(user.role) }));
  }

  async insertUser(user: UserRecord) {
    await this.db.insert(schema.users).values(user);
  }

  async setUserDisabled(username: string, disabled: boolean) {
    const rows = await this.db.update(schema.users).set({ disabled }).where(eq(schema.users.username, username)).returning({ u: schema.users.username });
    return rows.length > 0;
  }

  async setPasswordHash(username: string, passwordHash: string) {
    const rows = await this.db.update(schema.users).set({ passwordHash }).where(eq(schema.users.username, username)).returning({ u: schema.users.username });
    return rows.length > 0;
  }

  async countUsers() {
    const [{ n }] = await this.db.select({ n: count() }).from(schema.users);
    return n;
  }

  async insertSession(session: SessionRecord) {
    await this.db.insert(schema.sessions).values({ ...session, apiKeyId: session.apiKeyId ?? null });
  }

  async getSession(tokenHash: string) {
    const [row] = await this.db.select().from(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash));
    return row && { ...row, role: role(row.role) };
  }

  async deleteSession(tokenHash: string) {
    await this.db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash));
  }

  async deleteSessionsExpiredBy(at: string) {
    await this.db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, at));
  }

  async deleteSessionsOfUser(username: string) {
    await this.db.delete(schema.sessions).where(eq(schema.sessions.username, username));
  }

  async deleteSessionsOfKey(apiKeyId: string) {
    await this.db.delete(schema.sessions).where(eq(schema.sessions.apiKeyId, apiKeyId));
  }

  async insertApiKey(key: ApiKeyRecord) {
    await this.db.insert(schema.apiKeys).values(key);
  }

  async getApiKeyByHash(keyHash: string) {
    const [row] = await this.db.select().from(schema.apiKeys).where(eq(schema.apiKeys.keyHash, keyHash));
    return row && { ...row, role: role(row.role) };
  }

  async listApiKeys() {
    const rows = await this.db.select().from(schema.apiKeys).orderBy(asc(schema.apiKeys.createdAt));
    return rows.map(({ keyHash: _hash, ...key }) => ({ ...key, role: role(key.role) }));
  }

  async revokeApiKey(id: string, at: string) {
    const rows = await this.db.update(schema.apiKeys).set({ revokedAt: at }).where(eq(schema.apiKeys.id, id)).returning({ id: schema.apiKeys.id });
    return rows.length > 0;
  }
}
