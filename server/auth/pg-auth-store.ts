import { and, asc, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { AuditAction, AuditEntry, AuditQuery } from '../../shared/auth/audit';
import type { PgConnection, PgDb } from '../../db/pg/connection';
import * as schema from '../../db/pg/schema';
import { isRole } from '../../shared/auth/accounts';
import type { Role } from '../../shared/roles';
import type { ApiKeyRecord, AuthStore, CounterState, SessionRecord, UserRecord } from './auth-store';

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
  /** Every request reads its session and its user: named statements, built once. */
  private readonly userByName;
  private readonly sessionByHash;

  constructor(connection: PgConnection) {
    this.db = connection.db;
    this.userByName = this.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, sql.placeholder('username')))
      .prepare('gridops_user_by_name');
    this.sessionByHash = this.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare('gridops_session_by_hash');
  }

  async getUser(username: string) {
    const [row] = await this.userByName.execute({ username });
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
    const [row] = await this.sessionByHash.execute({ tokenHash });
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

  async addToCounter(key: string, points: number, expireAt: number | null, now: number, reset: boolean): Promise<CounterState> {
    const t = schema.rateLimitCounters;
    const live = sql`${t.expire} IS NULL OR ${t.expire} > ${now}`;
    const [row] = await this.db
      .insert(t)
      .values({ key, points, expire: expireAt })
      .onConflictDoUpdate({
        target: t.key,
        set: reset
          ? { points, expire: expireAt }
          : {
              points: sql`CASE WHEN ${live} THEN ${t.points} + ${points} ELSE ${points} END`,
              expire: sql`CASE WHEN ${live} THEN ${t.expire} ELSE ${expireAt} END`,
            },
      })
      .returning({ points: t.points, expire: t.expire });
    return row;
  }

  async getCounter(key: string, now: number): Promise<CounterState | null> {
    const t = schema.rateLimitCounters;
    const [row] = await this.db.select({ points: t.points, expire: t.expire }).from(t).where(eq(t.key, key));
    return row && (row.expire === null || row.expire > now) ? row : null;
  }

  async deleteCounter(key: string): Promise<boolean> {
    const rows = await this.db.delete(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.key, key)).returning({ key: schema.rateLimitCounters.key });
    return rows.length > 0;
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>) {
    await this.db.insert(schema.auditLog).values({ ...entry, detail: JSON.stringify(entry.detail) });
  }

  async searchAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const t = schema.auditLog;
    const where = [
      query.from ? gte(t.at, new Date(query.from).toISOString()) : undefined,
      query.to ? lt(t.at, new Date(query.to).toISOString()) : undefined,
      query.actor ? eq(t.actor, query.actor) : undefined,
      query.action ? eq(t.action, query.action) : undefined,
      query.q
        ? sql`(strpos(coalesce(${t.target}, ''), ${query.q}) > 0 OR strpos(coalesce(${t.address}, ''), ${query.q}) > 0 OR strpos(${t.detail}, ${query.q}) > 0)`
        : undefined,
    ].filter((c) => c !== undefined);
    const rows = await this.db
      .select()
      .from(t)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.id))
      .limit(query.limit);
    return rows.map((row) => ({ ...row, action: row.action as AuditAction, detail: JSON.parse(row.detail) as AuditEntry['detail'] }));
  }
}
