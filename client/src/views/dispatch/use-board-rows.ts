import { computed, reactive, type Ref } from 'vue';
import type { Incident } from '../../../../shared/domain/incident';
import type { Channel, WorkOrder } from '../../../../shared/domain/work-order';
import { orderDueAt, orderDueLevel, orderStage } from '../../../../shared/board/stages';
import type { ContractSettings } from '../../../../shared/settings';
import { streetOf } from './street-of';

export type Row = { kind: 'incident'; item: Incident } | { kind: 'workOrder'; item: WorkOrder };
export const rowKey = (row: Row) => `${row.kind}:${row.item.id}`;

/** The board's tabs: the stages of shift work, then the two deadline views. */
export const BOARD_TABS = ['all', 'to_accept', 'to_file', 'to_dispatch', 'in_hand', 'to_call_back', 'due_soon', 'overdue'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];

export interface BoardFilters {
  channel: Channel | '';
  /** Category class key 'component/public_facilities', or ''. */
  category: string;
  department: string;
  street: string;
  overdueOnly: boolean;
  /** Typed text: id, phone, address, title, description of the loaded orders. */
  text: string;
}

export const emptyFilters = (): BoardFilters => ({ channel: '', category: '', department: '', street: '', overdueOnly: false, text: '' });

const matchesText = (o: WorkOrder, text: string) => {
  if (!text) return true;
  const digits = text.replace(/[\s-]/g, '');
  return (
    o.id.includes(text) ||
    o.title.includes(text) ||
    (o.location.address ?? '').includes(text) ||
    o.description.includes(text) ||
    (!!digits && (o.reporter?.phone ?? '').includes(digits))
  );
};

/**
 * The rows of the list: open incidents first (undispatched, then by arrival deadline), then the
 * open orders of the chosen tab and filters, most urgent limit first. Counts per tab follow the
 * filters, so a lead sees how many 超期 there are on 天山路 without switching tabs.
 */
export function useBoardRows(
  source: { openIncidents: Ref<Incident[]>; openWorkOrders: Ref<WorkOrder[]>; now: Ref<number>; settings: Ref<ContractSettings> },
  tab: Ref<BoardTab>,
) {
  const filters = reactive(emptyFilters());

  // Recomputed each second with `now`; 5,000 orders is a few milliseconds.
  const annotated = computed(() => {
    const now = source.now.value;
    const settings = source.settings.value;
    return source.openWorkOrders.value
      .filter(
        (o) =>
          (!filters.channel || o.channel === filters.channel) &&
          (!filters.category || `${o.category.kind}/${o.category.class}` === filters.category) &&
          (!filters.department || o.department === filters.department) &&
          (!filters.street || streetOf(o.location.address) === filters.street) &&
          matchesText(o, filters.text.trim()),
      )
      .map((o) => ({ order: o, stage: orderStage(o), level: orderDueLevel(o, now, settings), due: orderDueAt(o, settings.handling) }))
      .filter((a) => !filters.overdueOnly || a.level === 'overdue');
  });

  const counts = computed(() => {
    const c = Object.fromEntries(BOARD_TABS.map((t) => [t, 0])) as Record<BoardTab, number>;
    for (const a of annotated.value) {
      c.all++;
      if (a.stage !== 'closed') c[a.stage]++;
      if (a.level === 'due_soon') c.due_soon++;
      if (a.level === 'overdue') c.overdue++;
    }
    return c;
  });

  const incidents = computed(() =>
    [...source.openIncidents.value].sort(
      (a, b) =>
        Number(b.state === 'reported') - Number(a.state === 'reported') ||
        (a.arrivalDeadline ?? '9999').localeCompare(b.arrivalDeadline ?? '9999') ||
        a.reportedAt.localeCompare(b.reportedAt),
    ),
  );

  const rows = computed<Row[]>(() => {
    const t = tab.value;
    const orders = annotated.value
      .filter((a) => t === 'all' || (t === 'due_soon' || t === 'overdue' ? a.level === t : a.stage === t))
      .sort((a, b) => (a.due ?? Infinity) - (b.due ?? Infinity) || a.order.createdAt.localeCompare(b.order.createdAt));
    // Incidents lead the "all" tab and the dispatch tab: they are the most urgent work of the shift.
    const withIncidents =
      (t === 'all' || t === 'to_dispatch') && !filters.text && !filters.channel && !filters.category && !filters.department && !filters.street;
    return [
      ...(withIncidents ? incidents.value.map((item) => ({ kind: 'incident' as const, item })) : []),
      ...orders.map((a) => ({ kind: 'workOrder' as const, item: a.order })),
    ];
  });

  return { rows, counts, filters };
}
