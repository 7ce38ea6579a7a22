import { bigint, boolean, customType, doublePrecision, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL twin of `db/schema.ts`: the same tables, columns and keys, so one set of row
 * mappers serves both stores. Types are picked to read back exactly what SQLite gives:
 * ISO instants stay `text` (they compare as strings in both), coordinates are `double precision`
 * (PostgreSQL's `real` is 4 bytes and would round them), JSON is `json` (kept as written, unlike
 * `jsonb`, which reorders keys).
 */

/**
 * The event log. `seq` is not a sequence: a sequence hands out numbers in the order transactions
 * start and skips the ones that roll back. It is taken from `event_head` inside the committing
 * transaction (see PgStore), so it is gapless and in commit order across every node.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    payload: json('payload').notNull(),
    actor: text('actor').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('events_entity').on(t.entityType, t.entityId), index('events_at').on(t.at)],
);

/** One row: the last seq handed out. Its row lock orders the commits of every node. */
export const eventHead = pgTable('event_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

export const workOrders = pgTable(
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
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
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
    replayed: boolean('replayed').notNull().default(false),
    supervised: boolean('supervised').notNull(),
    satisfaction: text('satisfaction'),
    timestamps: json('timestamps').notNull(),
    photos: json('photos'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    // Idempotent intake across nodes: two nodes receiving the same (channel, externalId) at once
    // cannot both insert; the loser reads the winner's order.
    uniqueIndex('work_orders_channel_external').on(t.channel, t.externalId),
    index('work_orders_state').on(t.state),
    index('work_orders_updated').on(t.updatedAt),
  ],
);

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address'),
    gridCell: text('grid_cell'),
    severity: text('severity').notNull(),
    state: text('state').notNull(),
    reportedAt: text('reported_at').notNull(),
    responderId: text('responder_id').references(() => staff.id),
    dispatchedAt: text('dispatched_at'),
    dispatchLat: doublePrecision('dispatch_lat'),
    dispatchLng: doublePrecision('dispatch_lng'),
    distanceKm: doublePrecision('distance_km'),
    arrivalDeadline: text('arrival_deadline'),
    arrivedAt: text('arrived_at'),
    arrivalSource: text('arrival_source'),
    arrivalLat: doublePrecision('arrival_lat'),
    arrivalLng: doublePrecision('arrival_lng'),
    late: boolean('late'),
    reports: json('reports').notNull(),
    closedAt: text('closed_at'),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('incidents_state').on(t.state)],
);

export const staff = pgTable('staff', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  post: text('post').notNull(),
  onDuty: boolean('on_duty').notNull(),
  active: boolean('active').notNull(),
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
});

export const responderPositions = pgTable('responder_positions', {
  responderId: text('responder_id')
    .primaryKey()
    .references(() => staff.id),
  lat: doublePrecision('lat').notNull(),
  lng: doublePrecision('lng').notNull(),
  at: text('at').notNull(),
});

export const staffProfiles = pgTable('staff_profiles', {
  id: text('id')
    .primaryKey()
    .references(() => staff.id),
  education: text('education'),
  lawDegree: boolean('law_degree').notNull(),
  birthDate: text('birth_date'),
  drivingLicence: boolean('driving_licence').notNull(),
  gender: text('gender'),
  hireDate: text('hire_date'),
  leaveDate: text('leave_date'),
  status: text('status').notNull(),
  replacementRequestedOn: text('replacement_requested_on'),
  replacementFulfilledOn: text('replacement_fulfilled_on'),
  updatedAt: text('updated_at').notNull(),
  version: integer('version').notNull(),
});

export const shifts = pgTable(
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

export const users = pgTable('users', {
  username: text('username').primaryKey(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  createdAt: text('created_at').notNull(),
  disabled: boolean('disabled').notNull(),
  staffId: text('staff_id').references(() => staff.id),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    username: text('username').references(() => users.username),
    apiKeyId: text('api_key_id'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_username').on(t.username), index('sessions_api_key').on(t.apiKeyId)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    revokedAt: text('revoked_at'),
    historical: boolean('historical').notNull().default(false),
  },
  (t) => [uniqueIndex('api_keys_hash').on(t.keyHash)],
);

export const photos = pgTable(
  'photos',
  {
    id: text('id').primaryKey(),
    uploadedBy: text('uploaded_by').notNull(),
    clientKey: text('client_key').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    exifLat: doublePrecision('exif_lat'),
    exifLng: doublePrecision('exif_lng'),
    exifTakenAt: text('exif_taken_at'),
    uploadedAt: text('uploaded_at').notNull(),
  },
  (t) => [uniqueIndex('photos_client_key').on(t.uploadedBy, t.clientKey)],
);

/** Field commands' idempotency keys, written in the commit's transaction (see db/schema.ts). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_actor_key').on(t.actor, t.key)],
);

/** Rate-limit counters that survive a restart and hold on every node (see db/schema.ts). */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: bigint('expire', { mode: 'number' }),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    address: text('address'),
    detail: text('detail').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actor, t.at)],
);

/** PostgreSQL's byte string, read and written as a Buffer (node-postgres's own mapping). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** The score service's checkpoints (see db/schema.ts): one row per version and seq, whichever node wrote it. */
export const scoreCheckpoints = pgTable(
  'score_checkpoints',
  {
    version: integer('version').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    state: bytea('state').notNull(),
    writtenAt: text('written_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.seq] })],
);
