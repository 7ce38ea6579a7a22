import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The append-only log: one row per committed command, written in the same transaction as the
 * state change it describes. `seq` is the order every client folds events in.
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: text('payload', { mode: 'json' }).notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('events_entity').on(t.entityType, t.entityId), index('events_at').on(t.at)],
);

export const workOrders = sqliteTable(
  'work_orders',
  {
    id: text('id').primaryKey(),
    channel: text('channel').notNull(),
    externalId: text('external_id').notNull(),
    categoryKind: text('category_kind').notNull(),
    categoryClass: text('category_class').notNull(),
    categorySubClass: text('category_sub_class').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    address: text('address'),
    gridCell: text('grid_cell'),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    priority: text('priority').notNull(),
    state: text('state').notNull(),
    resumeState: text('resume_state'),
    handlingDeadline: text('handling_deadline'),
    department: text('department'),
    dispatchCount: integer('dispatch_count').notNull(),
    wrongDispatchCount: integer('wrong_dispatch_count').notNull(),
    /** 返工: times sent back to handling after 办结 (0 for orders stored before the action existed). */
    reopenCount: integer('reopen_count').notNull().default(0),
    /** Brought in by a key for replaying history (training data): out of the score and the operations analysis unless settings.scoreReplayedOrders. */
    replayed: integer('replayed', { mode: 'boolean' }).notNull().default(false),
    supervised: integer('supervised', { mode: 'boolean' }).notNull(),
    satisfaction: text('satisfaction'),
    timestamps: text('timestamps', { mode: 'json' }).notNull(),
    /** Photo ids sent with the order (an evaluator's report from /field); null when none. */
    photos: text('photos', { mode: 'json' }),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    uniqueIndex('work_orders_channel_external').on(t.channel, t.externalId),
    index('work_orders_state').on(t.state),
    index('work_orders_updated').on(t.updatedAt),
  ],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    lat: real('lat').notNull(),
    lng: real('lng').notNull(),
    address: text('address'),
    gridCell: text('grid_cell'),
    severity: text('severity').notNull(),
    state: text('state').notNull(),
    reportedAt: text('reported_at').notNull(),
    responderId: text('responder_id').references(() => staff.id),
    dispatchedAt: text('dispatched_at'),
    dispatchLat: real('dispatch_lat'),
    dispatchLng: real('dispatch_lng'),
    distanceKm: real('distance_km'),
    arrivalDeadline: text('arrival_deadline'),
    arrivedAt: text('arrived_at'),
    /** How the arrival was recorded: geofence (phone GPS), button (with its position), lead (typed). */
    arrivalSource: text('arrival_source'),
    arrivalLat: real('arrival_lat'),
    arrivalLng: real('arrival_lng'),
    late: integer('late', { mode: 'boolean' }),
    reports: text('reports', { mode: 'json' }).notNull(),
    closedAt: text('closed_at'),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('incidents_state').on(t.state)],
);

export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  post: text('post').notNull(),
  onDuty: integer('on_duty', { mode: 'boolean' }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
});

/** Latest position per responder: telemetry, overwritten in place (not event-sourced). */
export const responderPositions = sqliteTable('responder_positions', {
  responderId: text('responder_id')
    .primaryKey()
    .references(() => staff.id),
  lat: real('lat').notNull(),
  lng: real('lng').notNull(),
  at: text('at').notNull(),
});

/** Roster data of a staff member: dates, qualifications, a replacement the Center asked for. */
export const staffProfiles = sqliteTable('staff_profiles', {
  id: text('id')
    .primaryKey()
    .references(() => staff.id),
  education: text('education'),
  lawDegree: integer('law_degree', { mode: 'boolean' }).notNull(),
  birthDate: text('birth_date'),
  drivingLicence: integer('driving_licence', { mode: 'boolean' }).notNull(),
  gender: text('gender'),
  hireDate: text('hire_date'),
  leaveDate: text('leave_date'),
  status: text('status').notNull(),
  replacementRequestedOn: text('replacement_requested_on'),
  replacementFulfilledOn: text('replacement_fulfilled_on'),
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
});

/** Scheduled duty, one row per person and stretch (ISO instants, end exclusive). */
export const shifts = sqliteTable(
  'shifts',
  {
    id: text('id').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    start: text('start').notNull(),
    end: text('end').notNull(),
    source: text('source').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('shifts_start').on(t.start), index('shifts_staff').on(t.staffId, t.start)],
);

/** People who log in. `username` is the audit actor on every event they cause. */
export const users = sqliteTable('users', {
  username: text('username').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  createdAt: text('created_at').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull(),
  /** Responders and evaluators log in as this staff member (their phone, /field). */
  staffId: text('staff_id').references(() => staff.id),
});

/**
 * Login sessions. Only a SHA-256 of the cookie token is stored, so a copy of the database does
 * not let anyone in. Kiosk sessions (the wall) have no user: `actor` is the kiosk key's name.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    username: text('username').references(() => users.username),
    /** The kiosk token a wall session was opened with: revoking the token ends the session. */
    apiKeyId: text('api_key_id'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_username').on(t.username), index('sessions_api_key').on(t.apiKeyId)],
);

/** Machine keys: intake (X-Api-Key, may only create work orders) and kiosk (wall URL token). Hash only. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    revokedAt: text('revoked_at'),
    historical: integer('historical', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)],
);

/**
 * Photos from the field (首报/续报/结案, evaluator reports). The file lives under the data
 * directory with its metadata stripped; the EXIF position it carried is kept here as data.
 * `(uploadedBy, clientKey)` makes a re-sent upload from the offline queue return the same photo.
 */
export const photos = sqliteTable(
  'photos',
  {
    id: text('id').primaryKey(),
    uploadedBy: text('uploaded_by').notNull(),
    clientKey: text('client_key').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    exifLat: real('exif_lat'),
    exifLng: real('exif_lng'),
    exifTakenAt: text('exif_taken_at'),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [uniqueIndex('photos_client_key').on(t.uploadedBy, t.clientKey)],
);

/**
 * Idempotency keys of field commands, written in the same transaction as the command's event:
 * a repeat (the offline queue re-sending after a lost answer) finds its key and creates nothing.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    seq: integer('seq').notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_actor_key').on(t.actor, t.key)],
);

/**
 * Rate-limit counters that must survive a restart (failed logins per account, per address): a
 * restart must not hand an attacker fresh guesses. `expire` is epoch milliseconds; null = never.
 */
export const rateLimitCounters = sqliteTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: integer('expire'),
});

/** The audit trail a Center can search and export (/admin): sign-ins, account, key, settings and month changes, views of personal data. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    address: text('address'),
    /** JSON object of small values (never a password, never typed text). */
    detail: text('detail').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actor, t.at)],
);

/**
 * The score service's checkpoints (server/score/score.checkpoint.ts): its folded state at `seq`,
 * gzipped JSON, so a start folds only the events after it. The state depends on the log alone:
 * every node writes the same one at the same seq, hence one row per version and seq.
 */
export const scoreCheckpoints = sqliteTable(
  'score_checkpoints',
  {
    version: integer('version').notNull(),
    seq: integer('seq').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.seq] })],
);
