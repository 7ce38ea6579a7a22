import compression from 'compression';
import express from 'express';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, type ContractSettings } from '../shared/settings';
import type { Clock } from '../shared/time';
import type { AuthService } from './auth/auth-service';
import { denyAllAuthenticator, type Authenticator } from './auth/authenticator';
import { systemClock } from './clock';
import { randomIds, type CommandContext, type IdGenerator } from './commands/context';
import type { TimeBounds } from './commands/time-bounds';
import { authenticate } from './http/access';
import { auditPersonalDataViews, auditRoutes } from './http/audit.routes';
import { authRoutes, kioskEntry } from './auth/auth.routes';
import { boardRoutes } from './board/board.routes';
import { clientFiles } from './http/client-files';
import { errorHandler, requireJson } from './http/errors';
import { jsonBody } from './http/json-body';
import { rejectBadUrl, rejectEncodedBody } from './http/request-guards';
import { series } from './http/series';
import { securityHeaders } from './http/security-headers';
import { incidentRoutes } from './board/incident.routes';
import { staffRoutes } from './board/staff.routes';
import { planningRoutes } from './planning/planning.routes';
import { rosterRoutes } from './roster/roster.routes';
import { timelineRoutes } from './board/timeline.routes';
import { userRoutes } from './auth/user.routes';
import { SettingsService } from './settings/settings.service';
import { settingsRoutes } from './settings/settings.routes';
import { workOrderRoutes } from './board/work-order.routes';
import { logger as defaultLogger, type Logger } from './logger';
import { attachRealtime, type Realtime } from './realtime/socket-server';
import type { SyncLimitOptions } from './realtime/sync-limits';
import type { Store } from './store/store';
import { attachScore } from './score';
import { startOverdueSupervision } from './commands/overdue-supervision';
import { answeredBy } from './cluster/answered-by';
import { EventRelay } from './cluster/event-relay';
import { joinCluster, type ClusterOptions } from './cluster/inter-node';
import { open311Routes } from './open311/open311.routes';
import { FieldService } from './field/field.service';
import type { FieldStore } from './field/field.store';
import { fieldRoutes, photoUploadRoutes } from './field/field.routes';
import { PhotoService } from './field/photo.service';
import { MonthReports } from './reports/month-reports';
import { reportRoutes } from './reports/reports.routes';

export interface AppOptions {
  store: Store;
  clock?: Clock;
  settings?: ContractSettings;
  ids?: IdGenerator;
  /** Users, sessions, API keys and kiosk tokens (server/auth); mounts /api/login, /api/users, …. */
  auth?: AuthService;
  /** Overrides who the caller is; without it and without `auth`, every caller is refused (401). */
  authenticator?: Authenticator;
  /**
   * The field app's storage (idempotency keys, photos) and where photo files go (under the data
   * directory); omitted = no /api/field routes.
   */
  field?: { store: FieldStore; photoDir: string };
  /** Built client to serve (dist/client); omitted = API only. */
  clientDir?: string;
  /** Where month reports are written when a month closes (README: Reports); omitted = not written. */
  reportDir?: string;
  logger?: Logger;
  /**
   * How often overdue orders get their automatic 督办 (server/commands/overdue-supervision.ts);
   * omitted = never (tests and the month simulator run on fake clocks and sweep when they choose).
   */
  overdueSweepMs?: number;
  /** Several nodes on one PostgreSQL database: the Socket.IO adapter that links them (server/cluster). */
  cluster?: ClusterOptions;
  /** Express 'trust proxy' (GRIDOPS_TRUST_PROXY): whose X-Forwarded-For/-Proto to believe. Default: nobody's. */
  trustProxy?: boolean | number | string;
  /** Browser origins besides this server's own that may open a socket (GRIDOPS_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** How far client-supplied times may stray from the clock (GRIDOPS_CLOCK_SKEW_SECONDS, GRIDOPS_MAX_BACKDATE_HOURS). */
  timeBounds?: TimeBounds;
  /** Resync rate limits per socket and per credential (sync and GET /api/snapshot). */
  syncLimits?: SyncLimitOptions;
  /** Events between two score checkpoints (GRIDOPS_SCORE_CHECKPOINT_EVERY); 0: none. Default CHECKPOINT_EVERY. */
  scoreCheckpointEvery?: number;
}

export interface GridApp {
  app: express.Express;
  httpServer: HttpServer;
  realtime: Realtime;
  ctx: CommandContext;
  /** Delivers committed events to this node's sockets and score, in seq order. */
  relay: EventRelay;
  settings: SettingsService;
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** A short hash of the served index.html: it changes with every client build that is deployed. */
function clientBuildId(clientDir: string | undefined): string | null {
  const index = clientDir && join(clientDir, 'index.html');
  if (!index || !existsSync(index)) return null;
  return createHash('sha256').update(readFileSync(index)).digest('hex').slice(0, 12);
}

/** GETs that return personal data to a lead or above: each view goes into the audit trail. */
const PERSONAL_DATA_PATHS = /^\/(snapshot|events|work-orders\/[^/]+\/events|incidents\/[^/]+\/events|roster\/week|users)$/;

/** Request bodies above this are refused with 413; below it, zod names the oversized field. */
const BODY_LIMIT_BYTES = 256 * 1024;

/** This server's own address for its own Chromium (the PDF report): loopback when it listens on every interface. */
function selfUrl(httpServer: HttpServer): string | null {
  const address = httpServer.address();
  if (!address || typeof address === 'string') return null;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** The composition root: storage, clock and settings in; HTTP server and Socket.IO out. */
export function createApp(options: AppOptions): GridApp {
  const log = options.logger ?? defaultLogger;
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const authenticator = options.authenticator ?? options.auth ?? denyAllAuthenticator;
  const app = express();
  const httpServer = createServer(app);

  const clock = options.clock ?? systemClock;
  // Settings changed by a manager are events; this one service knows the ones in force.
  const settingsService = new SettingsService({ store: options.store, clock, base: settings });
  // The three below are read by closures in `ctx` before they are assigned (undefined until then), so they stay `let`.
  // eslint-disable-next-line prefer-const -- read before assignment by the ctx closures
  let realtime: Realtime | undefined;
  // eslint-disable-next-line prefer-const -- read before assignment by the ctx closures
  let score: ReturnType<typeof attachScore> | undefined;
  // eslint-disable-next-line prefer-const -- read before assignment by the ctx closures
  let reports: MonthReports | undefined;
  const ctx: CommandContext = {
    store: options.store,
    clock,
    settings: () => settingsService.current(),
    ids: options.ids ?? randomIds,
    timeBounds: options.timeBounds,
    publish: (event) => {
      // Recorded by the node that committed the event (only once with several nodes).
      // Settings and month closes are events already; the audit trail lists them beside sign-ins.
      if (event.type === 'settings.changed' || event.type === 'score.monthClosed') {
        void options.auth?.recordAudit({
          actor: event.actor,
          action: event.type === 'settings.changed' ? 'settings.changed' : 'month.closed',
          target: event.entityId,
          address: null,
          detail: { seq: event.seq },
        });
      }
      // Scheduled delivery: the node that closed the month writes its report files, once.
      if (event.type === 'score.monthClosed') void reports?.monthClosed(event.entityId);
      relay.committed(event);
    },
  };
  const relay = new EventRelay({
    store: options.store,
    deliver: (event) => {
      // Settings first: whatever the event sets off next already sees the new settings.
      settingsService.onEvent(event);
      realtime?.publish(event);
      score?.onEvent(event);
    },
    announce: options.cluster ? (event) => realtime?.io.serverSideEmit('committed', event) : undefined,
  });
  realtime = attachRealtime(httpServer, ctx, authenticator, {
    allowedOrigins: options.allowedOrigins,
    syncLimits: options.syncLimits,
    adapter: options.cluster?.adapter,
  });
  if (options.cluster) joinCluster(realtime, relay, authenticator);
  score = attachScore(ctx, () => realtime?.io, settings, options.scoreCheckpointEvery);
  const printable = !!options.clientDir && existsSync(join(options.clientDir, 'index.html'));
  reports = new MonthReports({
    scores: score.service,
    clock,
    auth: options.auth,
    printBase: () => (printable ? selfUrl(httpServer) : null),
    dir: options.reportDir,
    log: (message, detail) => log.info(detail ?? {}, message),
  });
  const stopSupervision = options.overdueSweepMs
    ? startOverdueSupervision(ctx, options.overdueSweepMs, (error) => log.error({ err: error }, 'overdue supervision failed'))
    : () => {};

  options.auth?.useStaffDirectory((id) => ctx.store.getStaff(id));
  const onPosition = (p: Parameters<Realtime['queuePosition']>[0]) => realtime.queuePosition(p);
  const field = options.field && {
    service: new FieldService(ctx, options.field.store, onPosition),
    photos: new PhotoService(ctx, options.field.store, options.field.photoDir),
  };

  app.disable('x-powered-by');
  // Behind a TLS proxy: req.ip is the client's address (lock-outs, audit) and req.secure true (Secure cookies).
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');
  // gzip or brotli, as the client accepts, for reads: API answers and the built client (Socket.IO is
  // not Express's). A command's answer is one record, under compression's threshold or close to it:
  // wrapping every POST's response for nothing cost more than the bytes it could save.
  const compress = compression();
  const compressReads: express.RequestHandler = (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? compress(req, res, next) : next());
  // What every request goes through, as one layer each (series.ts says why).
  app.use(
    series(
      securityHeaders(() => ctx.settings().tileUrl),
      ...(options.cluster ? [answeredBy(options.cluster.nodeId)] : []),
      rejectBadUrl,
      compressReads,
    ),
  );
  const api = express.Router();
  api.use(series(rejectEncodedBody, requireJson, jsonBody(BODY_LIMIT_BYTES), authenticate(authenticator)));
  // The intake first: the busiest path (every channel's POST) walks no other module's router. No
  // module before it in the list below has a /work-orders path, and none of its own is audited.
  api.use(workOrderRoutes(ctx, field && ((actor, ids) => field.photos.mustOwn(actor, ids))));
  if (options.auth) {
    api.use(authRoutes(options.auth, log));
    api.use(userRoutes(options.auth, log));
    api.use(auditRoutes(options.auth));
    api.use(auditPersonalDataViews(options.auth, PERSONAL_DATA_PATHS));
  }
  api.use(boardRoutes(ctx, realtime, { build: clientBuildId(options.clientDir), node: options.cluster?.nodeId ?? null }));
  api.use(incidentRoutes(ctx));
  api.use(timelineRoutes(ctx));
  api.use(staffRoutes(ctx, onPosition));
  if (field) api.use(fieldRoutes(field.service, field.photos));
  api.use(rosterRoutes(ctx));
  api.use(settingsRoutes(ctx, settingsService));
  api.use(score.routes);
  api.use(reportRoutes(reports, ctx));
  api.use(planningRoutes(ctx));
  api.use((req, res) => res.status(404).json({ error: { code: 'not_found', message: `no route ${req.method} ${req.path}` } }));
  if (options.auth) app.use(kioskEntry(options.auth, log));
  if (field) app.use('/api', photoUploadRoutes(field.photos, authenticator));
  app.use('/api', api);
  // Open311 GeoReport v2: its own paths, form-encoded posts and the spec's error format.
  app.use('/open311/v2', open311Routes(ctx, authenticator));
  app.use(errorHandler((error) => log.error({ err: error }, 'request failed')));

  if (options.clientDir && existsSync(join(options.clientDir, 'index.html'))) {
    const index = join(options.clientDir, 'index.html');
    app.use(clientFiles(options.clientDir));
    // The Vue router owns every other path (/wall, /dispatch, …); index.html is never cached so a
    // kiosk picks up a new deploy on its next reload.
    app.get('/{*path}', (_req, res) => res.set('Cache-Control', 'no-cache').sendFile(index));
  }

  return {
    app,
    httpServer,
    realtime,
    ctx,
    settings: settingsService,
    relay,
    async listen(port = 0, host) {
      await relay.start();
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve((httpServer.address() as AddressInfo).port));
      });
    },
    async close() {
      stopSupervision();
      relay.stop();
      await score?.service.close();
      await reports?.close();
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
