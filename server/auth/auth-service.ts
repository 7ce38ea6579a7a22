import type { IncomingMessage } from 'node:http';
import {
  apiKeyCreateSchema,
  emptyCommandSchema,
  loginSchema,
  passwordResetSchema,
  userCreateSchema,
  type ApiKeyView,
  type Me,
  type UserView,
} from '../../shared/auth/accounts';
import type { AuditEntry, AuditQuery } from '../../shared/auth/audit';
import { DomainError } from '../../shared/domain/common';
import { isFieldRole, type Actor, type Role } from '../../shared/roles';
import type { Staff } from '../../shared/domain/staff';
import type { Clock } from '../../shared/time';
import { parseInput } from '../commands/validate';
import { HttpError } from '../http/errors';
import type { AuthStore } from './auth-store';
import type { Authenticator } from './authenticator';
import { readCookie, SESSION_COOKIE } from './cookies';
import { LoginLimiter, type LimiterOptions } from './login-limiter';
import { DEFAULT_ROUNDS, hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { checkPasswordPolicy } from './password-policy';
import { hashToken, newToken } from './tokens';

export interface AuthOptions {
  store: AuthStore;
  clock: Clock;
  bcryptRounds?: number;
  /** A person's session: one long shift. */
  sessionTtlMs?: number;
  /** The wall's kiosk session: the screen runs for months without anyone to log it in again. */
  kioskTtlMs?: number;
  limiter?: LimiterOptions;
}

export interface LoginResult {
  token: string;
  me: Me;
  maxAgeMs: number;
}

const HOUR = 3_600_000;
export const API_KEY_HEADER = 'x-api-key';
/** Actor ids of machine keys, so the events log tells a person from a feed. */
export const keyActor = (name: string) => `key:${name}`;

/**
 * Who is calling (cookie session or X-Api-Key) and the account operations behind the auth routes.
 * Every check runs on the server; the browser only ever holds an opaque HttpOnly cookie.
 */
export class AuthService implements Authenticator {
  private readonly store: AuthStore;
  private readonly clock: Clock;
  private readonly rounds: number;
  readonly sessionTtlMs: number;
  readonly kioskTtlMs: number;
  private readonly perAddressAccount: LoginLimiter;
  private readonly perAccount: LoginLimiter;
  private readonly perAddress: LoginLimiter;
  private readonly revokeListeners = new Set<() => void>();
  /** The staff records field accounts link to (set by the app: the board store owns staff). */
  private staffDirectory: (id: string) => Promise<Pick<Staff, 'post' | 'active'> | undefined> = () => Promise.resolve(undefined);

  constructor(options: AuthOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.rounds = options.bcryptRounds ?? DEFAULT_ROUNDS;
    this.sessionTtlMs = options.sessionTtlMs ?? 14 * HOUR;
    this.kioskTtlMs = options.kioskTtlMs ?? 365 * 24 * HOUR;
    const limit = options.limiter ?? { maxFailures: 5, windowMs: 15 * 60_000 };
    this.perAddressAccount = new LoginLimiter(this.store, this.clock, 'address-account', limit);
    // One account guessed at from many addresses: locked whatever the next address is.
    this.perAccount = new LoginLimiter(this.store, this.clock, 'account', { ...limit, maxFailures: limit.maxFailures * 2 });
    // One address trying many names: a looser limit, so a shared control-room NAT is not locked out.
    this.perAddress = new LoginLimiter(this.store, this.clock, 'address', { ...limit, maxFailures: limit.maxFailures * 4 });
  }

  async actorFor(request: IncomingMessage): Promise<Actor | null> {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) {
      const actor = await this.sessionActor(token);
      if (actor) return actor;
    }
    const key = request.headers[API_KEY_HEADER];
    if (typeof key === 'string' && key.length > 0) return this.keyActorFor(key);
    return null;
  }

  private async sessionActor(token: string): Promise<Actor | null> {
    const session = await this.store.getSession(hashToken(token));
    if (!session || session.expiresAt <= this.clock.now().toISOString()) return null;
    if (session.username === null) return { id: session.actor, role: session.role };
    // The user's current role and state count, not the ones at login: a disabled lead is out at once.
    const user = await this.store.getUser(session.username);
    if (!user || user.disabled) return null;
    return { id: user.username, role: user.role, ...(user.staffId ? { staffId: user.staffId } : {}) };
  }

  private async keyActorFor(key: string): Promise<Actor | null> {
    const record = await this.store.getApiKeyByHash(hashToken(key));
    // Each credential only where it belongs: a kiosk token opens a wall session through `?kiosk=`,
    // never a request with X-Api-Key (it would read the board from anywhere, without a cookie).
    if (!record || record.revokedAt || record.role !== 'intake') return null;
    return { id: keyActor(record.name), role: record.role, ...(record.historical ? { historical: true } : {}) };
  }

  /** Refuses with 429 (and retryAfterSeconds) after repeated failures for the account or the address. */
  async login(input: unknown, address: string): Promise<LoginResult> {
    const { username, password } = parseInput(loginSchema, input);
    const account = username.toLowerCase();
    const addressAccount = `${address}|${account}`;
    const wait = Math.max(
      await this.perAddressAccount.retryAfterMs(addressAccount),
      await this.perAccount.retryAfterMs(account),
      await this.perAddress.retryAfterMs(address),
    );
    if (wait > 0) {
      const error = new HttpError(429, 'too_many_attempts', `too many failed logins; try again in ${Math.ceil(wait / 60_000)} min`);
      throw Object.assign(error, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const user = await this.store.getUser(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !ok || user.disabled) {
      await this.perAddressAccount.fail(addressAccount);
      await this.perAccount.fail(account);
      await this.perAddress.fail(address);
      throw new HttpError(401, 'bad_credentials', 'wrong username or password', 'password');
    }
    await this.perAddressAccount.reset(addressAccount);
    await this.perAccount.reset(account);
    const token = await this.startSession(user.username, user.role, user.username, this.sessionTtlMs);
    const me = { actor: user.username, role: user.role, ...(user.staffId ? { staffId: user.staffId } : {}) };
    return { token, me, maxAgeMs: this.sessionTtlMs };
  }

  async logout(request: IncomingMessage) {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) return;
    await this.store.deleteSession(hashToken(token));
    this.revoked();
  }

  /**
   * Called after a session, user or key stopped being valid (logout, disable, password reset,
   * revoke), so the realtime layer re-checks its open sockets at once instead of at its next sweep.
   */
  onRevoke(listener: () => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  private revoked() {
    for (const listener of this.revokeListeners) listener();
  }

  /** A wall session from a kiosk token (the `?kiosk=` URL); null for an unknown or revoked one. */
  async kioskLogin(kioskToken: string): Promise<LoginResult | null> {
    const record = await this.store.getApiKeyByHash(hashToken(kioskToken));
    if (!record || record.revokedAt || record.role !== 'wall') return null;
    const actor = `kiosk:${record.name}`;
    const token = await this.startSession(actor, 'wall', null, this.kioskTtlMs, record.id);
    return { token, me: { actor, role: 'wall' }, maxAgeMs: this.kioskTtlMs };
  }

  /** Opens a session and returns its cookie token (login, kiosk, and test harnesses). */
  async startSession(actor: string, role: Role, username: string | null, ttlMs = this.sessionTtlMs, apiKeyId: string | null = null): Promise<string> {
    const now = this.clock.now();
    await this.store.deleteSessionsExpiredBy(now.toISOString());
    const token = newToken();
    await this.store.insertSession({
      tokenHash: hashToken(token),
      actor,
      role,
      username,
      apiKeyId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    });
    return token;
  }

  /** Where createUser checks that a responder's or evaluator's staff record exists and holds that post. */
  useStaffDirectory(lookup: (id: string) => Promise<Pick<Staff, 'post' | 'active'> | undefined>) {
    this.staffDirectory = lookup;
  }

  async createUser(input: unknown): Promise<UserView> {
    const data = parseInput(userCreateSchema, input);
    checkPasswordPolicy(data.password, data.username);
    if (await this.store.getUser(data.username)) {
      throw new DomainError('conflict', `user ${data.username} already exists`, { field: 'username' });
    }
    if (isFieldRole(data.role)) {
      const staff = await this.staffDirectory(data.staffId!);
      if (!staff || !staff.active || staff.post !== data.role) {
        throw new DomainError('invalid', `staffId: ${data.staffId} is not an active ${data.role} on the staff list`, { field: 'staffId' });
      }
    }
    const user = {
      username: data.username,
      role: data.role,
      createdAt: this.clock.now().toISOString(),
      disabled: false,
      staffId: data.staffId ?? null,
    };
    await this.store.insertUser({ ...user, passwordHash: await hashPassword(data.password, this.rounds) });
    return user;
  }

  listUsers(): Promise<UserView[]> {
    return this.store.listUsers();
  }

  /** Disabling ends every session of the user; enabling does not bring them back (log in again). */
  async setDisabled(username: string, disabled: boolean, input: unknown, by: Actor): Promise<UserView> {
    parseInput(emptyCommandSchema, input ?? {});
    if (disabled && username === by.id) {
      throw new DomainError('conflict', 'you cannot disable your own account', { field: 'username' });
    }
    if (!(await this.store.setUserDisabled(username, disabled))) {
      throw new DomainError('not_found', `user ${username} not found`, { field: 'username' });
    }
    if (disabled) {
      await this.store.deleteSessionsOfUser(username);
      this.revoked();
    }
    return this.userView(username);
  }

  /** A new password ends the user's open sessions: whoever knew the old one is out. */
  async resetPassword(username: string, input: unknown): Promise<UserView> {
    const { password } = parseInput(passwordResetSchema, input);
    checkPasswordPolicy(password, username);
    if (!(await this.store.setPasswordHash(username, await hashPassword(password, this.rounds)))) {
      throw new DomainError('not_found', `user ${username} not found`, { field: 'username' });
    }
    await this.store.deleteSessionsOfUser(username);
    this.revoked();
    return this.userView(username);
  }

  private async userView(username: string): Promise<UserView> {
    const { passwordHash: _hash, ...user } = (await this.store.getUser(username))!;
    return user;
  }

  /** The key itself is returned once, here; only its hash is kept. */
  async createApiKey(input: unknown, by: Actor): Promise<{ key: ApiKeyView; token: string }> {
    const data = parseInput(apiKeyCreateSchema, input);
    const token = newToken(data.role === 'intake' ? 'gik_' : 'gwk_');
    const key: ApiKeyView = {
      id: newToken().slice(0, 12),
      name: data.name,
      role: data.role,
      createdAt: this.clock.now().toISOString(),
      createdBy: by.id,
      revokedAt: null,
      historical: data.historical,
    };
    await this.store.insertApiKey({ ...key, keyHash: hashToken(token) });
    return { key, token };
  }

  listApiKeys(): Promise<ApiKeyView[]> {
    return this.store.listApiKeys();
  }

  /** Also ends the wall sessions opened with it (a kiosk token), so the screen goes dark now. */
  async revokeApiKey(id: string): Promise<void> {
    if (!(await this.store.revokeApiKey(id, this.clock.now().toISOString()))) {
      throw new DomainError('not_found', `api key ${id} not found`, { field: 'id' });
    }
    await this.store.deleteSessionsOfKey(id);
    this.revoked();
  }

  /** One line of the audit trail, stamped with the injected clock. */
  recordAudit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    return this.store.appendAudit({ ...entry, at: this.clock.now().toISOString() });
  }

  searchAudit(query: AuditQuery): Promise<AuditEntry[]> {
    return this.store.searchAudit(query);
  }

  countUsers(): Promise<number> {
    return this.store.countUsers();
  }
}
