import express, { Router, type Request, type Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { categoryCodeEntry, categoryOfEntry, type CategoryCodeEntry } from '../../shared/domain/category-codes';
import type { WorkOrderIntake } from '../../shared/domain/work-order';
import { hasRole, type Actor } from '../../shared/roles';
import { API_KEY_HEADER } from '../auth/auth-service';
import type { Authenticator } from '../auth/authenticator';
import type { CommandContext } from '../commands/context';
import { receiveWorkOrder } from '../board/work-order.commands';
import { toApiError } from '../http/errors';
import { CLOSED_STATES, errorList, OPEN_STATES, requestOf, serviceList, toXml, type Lang } from './georeport';
import { describeIssue, getRequestsSchema, postRequestSchema } from './open311.schemas';

/**
 * Open311 GeoReport v2 under /open311/v2: services are the national 小类 table, POST requests is
 * intake (an intake key sent as `api_key`, as the spec says), GET requests shows work orders
 * with their workflow status. Errors use the spec's shape: [{ code, description }].
 */

/** GET requests without dates covers this many days before end_date (the spec's suggestion). */
const DEFAULT_WINDOW_DAYS = 90;
/** The most requests one GET returns (newest first). */
const MAX_REQUESTS = 1000;

class Open311Error extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Format = 'json' | 'xml';

function formatOf(req: Request): Format {
  const format = (req.params.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'xml') throw new Open311Error(404, `format: .${format} is not offered; use .json or .xml`);
  return format;
}

function send(res: Response, format: Format, status: number, root: string, body: unknown) {
  res.status(status);
  if (format === 'xml') res.type('application/xml; charset=utf-8').send(toXml(root, body));
  else res.json(body);
}

const langOf = (req: Request): Lang => (req.query.lang === 'en' ? 'en' : 'zh-CN');

export function open311Routes(ctx: CommandContext, authenticator: Authenticator): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '256kb' }));
  router.use(express.json({ limit: '256kb' }));

  /** The caller: a session, an X-Api-Key header, or the spec's `api_key` parameter. */
  async function callerOf(req: Request): Promise<Actor | null> {
    const param = (req.body as Record<string, unknown> | undefined)?.api_key ?? req.query.api_key;
    if (typeof param === 'string' && param && !req.headers[API_KEY_HEADER]) req.headers[API_KEY_HEADER] = param;
    return authenticator.actorFor(req);
  }

  const handle = (root: string, fn: (req: Request, format: Format) => Promise<{ status?: number; body: unknown }>) => async (req: Request, res: Response) => {
    let format: Format = 'json';
    try {
      format = formatOf(req);
      const { status = 200, body } = await fn(req, format);
      send(res, format, status, root, body);
    } catch (error) {
      const { status, description } = describeError(error);
      send(res, format, status, 'errors', errorList(status, description));
    }
  };

  router.get(
    '/services{.:format}',
    // eslint-disable-next-line @typescript-eslint/require-await -- async so that a thrown HttpError reaches the wrapper as a rejection
    handle('services', async (req) => ({ body: serviceList(langOf(req)) })),
  );

  router.get(
    '/services/:code{.:format}',
    // eslint-disable-next-line @typescript-eslint/require-await -- async so that a thrown HttpError reaches the wrapper as a rejection
    handle('service_definition', async (req) => {
      const entry = serviceEntry(String(req.params.code));
      // No extra attributes: every service takes the spec's standard fields only (metadata false).
      return { body: { service_code: entry.serviceCode, attributes: [] } };
    }),
  );

  router.post(
    '/requests{.:format}',
    handle('service_requests', async (req) => {
      const actor = await callerOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const keyGiven = typeof (body.api_key ?? req.query.api_key) === 'string' || !!req.headers[API_KEY_HEADER];
      if (!actor) throw new Open311Error(403, keyGiven ? 'api_key is not valid (unknown or revoked)' : 'api_key is required to submit a request');
      if (!hasRole(actor, 'intake')) throw new Open311Error(403, 'api_key may not submit requests (needs an intake key)');
      const { api_key: _key, ...fields } = body;
      const parsed = postRequestSchema.safeParse(fields);
      if (!parsed.success) throw new Open311Error(400, describeIssue(parsed.error));
      const input = parsed.data;
      const entry = serviceEntry(input.service_code);
      if (input.lat === undefined || input.long === undefined) {
        throw new Open311Error(400, 'lat: lat and long are required (this endpoint cannot place an address_string or address_id alone)');
      }
      const { created, workOrder } = await receiveWorkOrder(ctx, intakeOf(input, entry, actor), actor);
      return { status: created ? 201 : 200, body: [{ service_request_id: workOrder.id, service_notice: null, account_id: null }] };
    }),
  );

  router.get(
    '/requests{.:format}',
    handle('service_requests', async (req) => {
      const parsed = getRequestsSchema.safeParse(req.query);
      if (!parsed.success) throw new Open311Error(400, describeIssue(parsed.error));
      const q = parsed.data;
      const view = await viewOf(req);
      // With ids given, the spec says every other filter is ignored.
      if (q.service_request_id) {
        const orders = await ctx.store.listWorkOrders({ ids: q.service_request_id, limit: MAX_REQUESTS });
        return { body: orders.map((o) => requestOf(o, view)) };
      }
      const end = q.end_date ? new Date(q.end_date) : ctx.clock.now();
      const start = q.start_date ? new Date(q.start_date) : new Date(end.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
      if (start > end) throw new Open311Error(400, 'start_date: start_date is after end_date');
      const categories = q.service_code?.map((code: string) => categoryOfEntry(serviceEntry(code)));
      const states = q.status && q.status.length === 1 ? (q.status[0] === 'open' ? OPEN_STATES : CLOSED_STATES) : undefined;
      const orders = await ctx.store.listWorkOrders({
        createdFrom: start.toISOString(),
        createdTo: end.toISOString(),
        categories,
        states: states ? [...states] : undefined,
        limit: MAX_REQUESTS,
      });
      return { body: orders.map((o) => requestOf(o, view)) };
    }),
  );

  router.get(
    '/requests/:id{.:format}',
    handle('service_requests', async (req) => {
      const id = String(req.params.id);
      const order = await ctx.store.getWorkOrder(id);
      if (!order) throw new Open311Error(404, `service_request_id: ${id} not found`);
      return { body: [requestOf(order, await viewOf(req))] };
    }),
  );

  router.use((req, res) => send(res, 'json', 404, 'errors', errorList(404, `no GeoReport v2 method ${req.method} ${req.path}`)));

  async function viewOf(req: Request) {
    const actor = await callerOf(req);
    // The public (and the wall) never see typed text: it may carry a reporter's name or number.
    return { lang: langOf(req), timeZone: ctx.settings().timeZone, withText: !!actor && hasRole(actor, 'lead') };
  }

  return router;
}

function serviceEntry(code: string): CategoryCodeEntry {
  const entry = categoryCodeEntry(code);
  if (!entry) throw new Open311Error(404, `service_code: ${code} is not a service (GET services lists them)`);
  return entry;
}

function intakeOf(input: ReturnType<typeof postRequestSchema.parse>, entry: CategoryCodeEntry, actor: Actor): WorkOrderIntake {
  // Scoped by key, so two clients' ids never collide; without an id each POST is a new request.
  const scope = createHash('sha256').update(actor.id).digest('hex').slice(0, 6);
  const externalId = `o311-${scope}-${input.external_id ?? randomUUID()}`.slice(0, 64);
  const description = input.description ?? '';
  const firstLine = description.split(/\r?\n/)[0].trim();
  const name = [input.first_name, input.last_name].filter(Boolean).join(' ');
  const reporter = name || input.phone ? { ...(name ? { name } : {}), ...(input.phone ? { phone: input.phone } : {}) } : undefined;
  return {
    channel: input.channel,
    externalId,
    category: categoryOfEntry(entry),
    title: (firstLine || entry.nameZh).slice(0, 200),
    description,
    location: { lat: input.lat!, lng: input.long!, ...(input.address_string ? { address: input.address_string } : {}) },
    ...(reporter ? { reporter } : {}),
    priority: 'normal',
  };
}

function describeError(error: unknown): { status: number; description: string } {
  if (error instanceof Open311Error) return { status: error.status, description: error.message };
  const { status, body } = toApiError(error);
  const field = 'field' in body && body.field ? `${body.field}: ` : '';
  return { status, description: `${field}${body.message}` };
}
