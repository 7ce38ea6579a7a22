import type { InferSelectModel } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import type { ArrivalSource, Incident } from '../../shared/domain/incident';
import type { Staff } from '../../shared/domain/staff';
import type { WorkOrder } from '../../shared/domain/work-order';

type WorkOrderRow = InferSelectModel<typeof schema.workOrders>;
type IncidentRow = InferSelectModel<typeof schema.incidents>;
type StaffRow = InferSelectModel<typeof schema.staff>;

/** Optional columns come back as null; the entity leaves them out, as the API received them. */
const opt = <T>(value: T | null) => (value === null ? undefined : value);

function location(row: { lat: number; lng: number; address: string | null; gridCell: string | null }) {
  const loc: WorkOrder['location'] = { lat: row.lat, lng: row.lng };
  if (row.address !== null) loc.address = row.address;
  if (row.gridCell !== null) loc.gridCell = row.gridCell;
  return loc;
}

export function workOrderToRow(o: WorkOrder): WorkOrderRow {
  return {
    id: o.id,
    channel: o.channel,
    externalId: o.externalId,
    categoryKind: o.category.kind,
    categoryClass: o.category.class,
    categorySubClass: o.category.subClass,
    title: o.title,
    description: o.description,
    lat: o.location.lat,
    lng: o.location.lng,
    address: o.location.address ?? null,
    gridCell: o.location.gridCell ?? null,
    reporterName: o.reporter?.name ?? null,
    reporterPhone: o.reporter?.phone ?? null,
    priority: o.priority,
    state: o.state,
    resumeState: o.resumeState,
    handlingDeadline: o.handlingDeadline,
    department: o.department,
    dispatchCount: o.dispatchCount,
    wrongDispatchCount: o.wrongDispatchCount,
    reopenCount: o.reopenCount ?? 0,
    replayed: o.replayed ?? false,
    supervised: o.supervised,
    satisfaction: o.satisfaction,
    timestamps: o.timestamps,
    photos: o.photos?.length ? o.photos : null,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  };
}

export function workOrderFromRow(r: WorkOrderRow): WorkOrder {
  const reporter = r.reporterName === null && r.reporterPhone === null ? null : { name: opt(r.reporterName), phone: opt(r.reporterPhone) };
  if (reporter) for (const k of ['name', 'phone'] as const) if (reporter[k] === undefined) delete reporter[k];
  return {
    id: r.id,
    channel: r.channel as WorkOrder['channel'],
    externalId: r.externalId,
    category: { kind: r.categoryKind, class: r.categoryClass, subClass: r.categorySubClass } as WorkOrder['category'],
    title: r.title,
    description: r.description,
    location: location(r),
    reporter,
    priority: r.priority as WorkOrder['priority'],
    state: r.state as WorkOrder['state'],
    resumeState: r.resumeState as WorkOrder['resumeState'],
    handlingDeadline: r.handlingDeadline,
    department: r.department,
    dispatchCount: r.dispatchCount,
    wrongDispatchCount: r.wrongDispatchCount,
    reopenCount: r.reopenCount,
    ...(r.replayed ? { replayed: true as const } : {}),
    supervised: r.supervised,
    satisfaction: r.satisfaction as WorkOrder['satisfaction'],
    timestamps: r.timestamps as WorkOrder['timestamps'],
    ...(Array.isArray(r.photos) && r.photos.length ? { photos: r.photos as string[] } : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export function incidentToRow(i: Incident): IncidentRow {
  return {
    id: i.id,
    kind: i.kind,
    title: i.title,
    lat: i.location.lat,
    lng: i.location.lng,
    address: i.location.address ?? null,
    gridCell: i.location.gridCell ?? null,
    severity: i.severity,
    state: i.state,
    reportedAt: i.reportedAt,
    responderId: i.responderId,
    dispatchedAt: i.dispatchedAt,
    dispatchLat: i.dispatchPosition?.lat ?? null,
    dispatchLng: i.dispatchPosition?.lng ?? null,
    distanceKm: i.distanceKm,
    arrivalDeadline: i.arrivalDeadline,
    arrivedAt: i.arrivedAt,
    arrivalSource: i.arrivalSource ?? null,
    arrivalLat: i.arrivalPosition?.lat ?? null,
    arrivalLng: i.arrivalPosition?.lng ?? null,
    late: i.late,
    reports: i.reports,
    closedAt: i.closedAt,
    updatedAt: i.updatedAt,
    version: i.version,
  };
}

export function incidentFromRow(r: IncidentRow): Incident {
  return {
    id: r.id,
    kind: r.kind as Incident['kind'],
    title: r.title,
    location: location(r),
    severity: r.severity as Incident['severity'],
    state: r.state as Incident['state'],
    reportedAt: r.reportedAt,
    responderId: r.responderId,
    dispatchedAt: r.dispatchedAt,
    dispatchPosition: r.dispatchLat === null || r.dispatchLng === null ? null : { lat: r.dispatchLat, lng: r.dispatchLng },
    distanceKm: r.distanceKm,
    arrivalDeadline: r.arrivalDeadline,
    arrivedAt: r.arrivedAt,
    arrivalSource: (r.arrivalSource as ArrivalSource | null) ?? null,
    arrivalPosition: r.arrivalLat === null || r.arrivalLng === null ? null : { lat: r.arrivalLat, lng: r.arrivalLng },
    late: r.late,
    reports: r.reports as Incident['reports'],
    closedAt: r.closedAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export const staffToRow = (s: Staff): StaffRow => ({ ...s });
export const staffFromRow = (r: StaffRow): Staff => ({ ...r, post: r.post as Staff['post'] });
