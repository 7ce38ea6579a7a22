/* eslint-disable @typescript-eslint/require-await -- synchronous better-sqlite3 behind the async store interface:
   `async` keeps a thrown database error a rejected promise, as callers of the interface expect. */
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Connection } from '../../db/connection';
import * as schema from '../../db/schema';
import type { ApiKeyView, UserView } from '../../shared/auth/accounts';
import type { AuditAction, AuditEntry, AuditQuery } from '../../shared/auth/audit';
import { isRole } from '../../shared/auth/accounts';
import type { Role } from '../../shared/roles';

export interface UserRecord extends UserView {
  passwordHash: string;
}

export interface SessionRecord {
  tokenHash: string;
  actor: string;
  role: Role;
  username: string | null;
  /** Kiosk sessions: the wall token they came from (null for people). */
  apiKeyId?: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface ApiKeyRecord extends ApiKeyView {
  keyHash: string;
}

/** Accounts, sessions and keys. Async like the board Store, so a PostgreSQL one fits the same service. */
export interface AuthStore {
  getUser(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserView[]>;
  insertUser(user: UserRecord): Promise<void>;
  /** false when there is no such user. */
  setUserDisabled(username: string, disabled: boolean): Promise<boolean>;
  setPasswordHash(username: string, passwordHash: string): Promise<boolean>;
  countUsers(): Promise<number>;
  insertSession(session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsExpiredBy(at: string): Promise<void>;
  deleteSessionsOfUser(username: string): Promise<void>;
  deleteSessionsOfKey(apiKeyId: string): Promise<void>;
  insertApiKey(key: ApiKeyRecord): Promise<void>;
  getApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyView[]>;
  revokeApiKey(id: string, at: string): Promise<boolean>;
  /**
   * Rate-limit counters (login lock-outs) kept across restarts; times are epoch ms. Adds `points`
   * to a live counter, or starts it afresh (expiring at `expireAt`) when absent or expired or
   * when `reset`. Returns the counter after the change.
   */
  addToCounter(key: string, points: number, expireAt: number | null, now: number, reset: boolean): Promise<CounterState>;
  /** The live counter, or null when absent or expired at `now`. */
  getCounter(key: string, now: number): Promise<CounterState | null>;
  deleteCounter(key: string): Promise<boolean>;
  appendAudit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  searchAudit(query: AuditQuery): Promise<AuditEntry[]>;
}

export interface CounterState {
  points: number;
  expire: number | null;
}

const role = (value: string): Role => {
  if (!isRole(value)) throw new Error(`unknown role '${value}' in the database`);
  return value;
};

export class SqliteAuthStore implements AuthStore {
  private readonly db;
  /** Every request reads its session and its user: prepared once, not built and prepared per request. */
  private readonly userByName;
  private readonly sessionByHash;

  constructor(connection: Connection) {
    this.db = connection.db;
    this.userByName = this.db
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, sql.placeholder('username')))
      .prepare();
    this.sessionByHash = this.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.tokenHash, sql.placeholder('tokenHash')))
      .prepare();
  }

  async getUser(username: string) {
    const row = this.userByName.get({ username });
    return row && { ...row, role: role(row.role) };
  }

  async listUsers() {
    return this.db
      .select()
      .from(schema.users)
      .orderBy(asc(schema.users.username))
      .all()
      .map(({ passwordHash: _hash, ...user }) => ({ ...user, role: role(user.role) }));
  }

  async insertUser(user: UserRecord) {
    this.db.insert(schema.users).values(user).run();
  }

  async setUserDisabled(username: string, disabled: boolean) {
    return this.db.update(schema.users).set({ disabled }).where(eq(schema.users.username, username)).run().changes > 0;
  }

  async setPasswordHash(username: string, passwordHash: string) {
    return this.db.update(schema.users).set({ passwordHash }).where(eq(schema.users.username, username)).run().changes > 0;
  }

  async countUsers() {
    return this.db.select({ username: schema.users.username }).from(schema.users).all().length;
  }

  async insertSession(session: SessionRecord) {
    this.db
      .insert(schema.sessions)
      .values({ ...session, apiKeyId: session.apiKeyId ?? null })
      .run();
  }

  async getSession(tokenHash: string) {
    const row = this.sessionByHash.get({ tokenHash });
    return row && { ...row, role: role(row.role) };
  }

  async deleteSession(tokenHash: string) {
    this.db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, tokenHash)).run();
  }

  async deleteSessionsExpiredBy(at: string) {
    this.db.delete(schema.sessions).where(lt(schema.sessions.expiresAt, at)).run();
  }

  async deleteSessionsOfUser(username: string) {
    this.db.delete(schema.sessions).where(eq(schema.sessions.username, username)).run();
  }

  async deleteSessionsOfKey(apiKeyId: string) {
    this.db.delete(schema.sessions).where(eq(schema.sessions.apiKeyId, apiKeyId)).run();
  }

  async insertApiKey(key: ApiKeyRecord) {
    this.db.insert(schema.apiKeys).values(key).run();
  }

  async getApiKeyByHash(keyHash: string) {
    const row = this.db.select().from(schema.apiKeys).where(eq(schema.apiKeys.keyHash, keyHash)).get();
    return row && { ...row, role: role(row.role) };
  }

  async listApiKeys() {
    return this.db
      .select()
      .from(schema.apiKeys)
      .orderBy(asc(schema.apiKeys.createdAt))
      .all()
      .map(({ keyHash: _hash, ...key }) => ({ ...key, role: role(key.role) }));
  }

  async revokeApiKey(id: string, at: string) {
    const result = this.db.update(schema.apiKeys).set({ revokedAt: at }).where(eq(schema.apiKeys.id, id)).run();
    return result.changes > 0;
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
    const row = this.db.select({ points: t.points, expire: t.expire }).from(t).where(eq(t.key, key)).get();
    return row && (row.expire === null || row.expire > now) ? row : null;
  }

  async deleteCounter(key: string): Promise<boolean> {
    return this.db.delete(schema.rateLimitCounters).where(eq(schema.rateLimitCounters.key, key)).run().changes > 0;
  }

  async appendAudit(entry: Omit<AuditEntry, 'id'>) {
    this.db
      .insert(schema.auditLog)
      .values({ ...entry, detail: JSON.stringify(entry.detail) })
      .run();
  }

  async searchAudit(query: AuditQuery): Promise<AuditEntry[]> {
    const t = schema.auditLog;
    const where = [
      query.from ? gte(t.at, new Date(query.from).toISOString()) : undefined,
      query.to ? lt(t.at, new Date(query.to).toISOString()) : undefined,
      query.actor ? eq(t.actor, query.actor) : undefined,
      query.action ? eq(t.action, query.action) : undefined,
      query.q
        ? sql`(instr(coalesce(${t.target}, ''), ${query.q}) > 0 OR instr(coalesce(${t.address}, ''), ${query.q}) > 0 OR instr(${t.detail}, ${query.q}) > 0)`
        : undefined,
    ].filter((c) => c !== undefined);
    return this.db
      .select()
      .from(t)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(t.id))
      .limit(query.limit)
      .all()
      .map((row) => ({ ...row, action: row.action as AuditAction, detail: JSON.parse(row.detail) as AuditEntry['detail'] }));
  }
}
