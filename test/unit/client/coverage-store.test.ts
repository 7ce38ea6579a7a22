import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import type { CoverageNowView } from '../../../shared/coverage';
import type { Staff } from '../../../shared/domain/staff';
import type { EventEnvelope } from '../../../shared/events';

const fake = vi.hoisted(() => ({
  listeners: new Set<(e: unknown) => void>(),
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- widens the field so a test can set a view
  view: null as unknown,
  calls: [] as string[],
}));
vi.mock('../../../client/src/realtime', () => ({
  onEvent: (listener: (e: unknown) => void) => {
    fake.listeners.add(listener);
    return () => fake.listeners.delete(listener);
  },
}));
vi.mock('../../../client/src/api', () => ({
  api: (route: string) => {
    fake.calls.push(route.split(' ')[1]);
    return Promise.resolve(fake.view);
  },
}));

const { useCoverageStore } = await import('../../../client/src/stores/coverage.store');
const { useBoardStore } = await import('../../../client/src/stores/board.store');
const { useSettingsStore } = await import('../../../client/src/stores/settings.store');
const { DEFAULT_SETTINGS } = await import('../../../shared/settings');

const emit = (entityType: EventEnvelope['entityType']) => {
  for (const l of fake.listeners) l({ seq: 1, at: '', actor: 'x', entityType, entityId: 'x', type: 'x', payload: {} });
};
const staff = (id: string, post: Staff['post']): Staff => ({ id, name: id, post, onDuty: true, active: true, updatedAt: '', version: 1 });
/** Lets the debounce run and the read resolve. */
const settle = async () => {
  await vi.advanceTimersByTimeAsync(500);
  await nextTick();
};

function setup(nowIso: string) {
  setActivePinia(createPinia());
  const board = useBoardStore();
  // The settings in force as the screen has read them (the contract's defaults).
  useSettingsStore().set(DEFAULT_SETTINGS);
  // Friday evening in Karamay's center (Asia/Shanghai): 3 seats, 1 responder, 1 evaluator on duty.
  for (const s of [staff('S1', 'seat'), staff('S2', 'seat'), staff('S3', 'seat'), staff('R1', 'responder'), staff('E1', 'evaluator')])
    board.state.staff[s.id] = s;
  board.now = Date.parse(nowIso);
  // A live board holding its snapshot: only then are its on-duty counts the center's.
  board.state.seq = 1;
  board.status = 'live';
  const strip = Array.from({ length: 24 }, (_, i) => ({
    start: new Date(Math.floor(board.now / 3_600_000) * 3_600_000 - (23 - i) * 3_600_000).toISOString(),
    short: [],
  }));
  fake.view = { at: nowIso, day: '', posts: [], strip, lawGraduateOnTeam: true, costlyDays: [] } satisfies CoverageNowView;
  return { board, coverage: useCoverageStore() };
}

beforeEach(() => {
  vi.useFakeTimers();
  fake.calls.length = 0;
  fake.listeners.clear();
});
afterEach(() => vi.useRealTimers());

describe('coverage store: fed by events, not polling', () => {
  it('judges no hour from a board that is not live yet: nobody looks clocked in before the snapshot', async () => {
    const { board, coverage } = setup('2025-03-14T11:10:00Z');
    board.status = 'connecting';
    board.state.seq = 0;
    for (const id of Object.keys(board.state.staff)) delete board.state.staff[id];
    coverage.start();
    await settle();
    // The hour in progress shows only what the server logged (no shortfall), not the empty board.
    expect(coverage.strip.at(-1)).toEqual({ start: Date.parse('2025-03-14T11:00:00Z'), short: [] });
    board.now = Date.parse('2025-03-14T12:00:05Z');
    await nextTick();
    // The 11:00 hour was never observed on an empty board, so the roll does not paint it red.
    expect(coverage.strip.find((c) => c.start === Date.parse('2025-03-14T11:00:00Z'))?.short ?? []).toEqual([]);
    coverage.stop();
  });

  it('reads once on start and never again by itself, however long the wall runs', async () => {
    const { coverage } = setup('2025-03-14T11:10:00Z');
    coverage.start();
    await settle();
    expect(fake.calls).toEqual(['/api/coverage/now']);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fake.calls).toHaveLength(1);
    coverage.stop();
  });

  it('re-reads once after a burst of duty changes, not after work-order or incident events', async () => {
    const { coverage } = setup('2025-03-14T11:10:00Z');
    coverage.start();
    await settle();
    emit('workOrder');
    emit('incident');
    await settle();
    expect(fake.calls).toHaveLength(1);
    emit('staff');
    emit('shift');
    emit('staffProfile');
    await settle();
    expect(fake.calls).toHaveLength(2);
    emit('settings');
    await settle();
    expect(fake.calls).toHaveLength(3);
    coverage.stop();
    emit('staff');
    await settle();
    expect(fake.calls).toHaveLength(3);
  });

  it('at 20:00 the seat minimum drops to the night one and the 19:00 hour keeps its red cell, without a request', async () => {
    const { board, coverage } = setup('2025-03-14T11:59:58Z'); // 19:59:58 local
    coverage.start();
    await settle();
    expect(coverage.posts.find((p) => p.post === 'seat')).toMatchObject({ onDuty: 3, minimum: 4 });

    board.now = Date.parse('2025-03-14T12:00:01Z'); // 20:00:01 local
    await nextTick();
    expect(coverage.posts.find((p) => p.post === 'seat')).toMatchObject({ onDuty: 3, minimum: 2 });
    const cells = coverage.strip;
    expect(cells.at(-2)).toEqual({ start: Date.parse('2025-03-14T11:00:00Z'), short: ['seat'] });
    expect(cells.at(-1)).toEqual({ start: Date.parse('2025-03-14T12:00:00Z'), short: [] });
    await settle();
    expect(fake.calls).toHaveLength(1);
    coverage.stop();
  });

  it('re-reads the date-dependent figures once at the local midnight', async () => {
    const { board, coverage } = setup('2025-03-14T15:59:59Z'); // 23:59:59 local
    coverage.start();
    await settle();
    board.now = Date.parse('2025-03-14T16:00:01Z');
    await nextTick();
    await settle();
    expect(fake.calls).toHaveLength(2);
    board.now = Date.parse('2025-03-14T16:00:02Z');
    await nextTick();
    await settle();
    expect(fake.calls).toHaveLength(2);
    coverage.stop();
  });

  it('re-reads once when the socket comes back live after a drop', async () => {
    const { board, coverage } = setup('2025-03-14T11:10:00Z');
    board.status = 'live';
    coverage.start();
    await settle();
    board.status = 'reconnecting';
    await nextTick();
    board.status = 'live';
    await nextTick();
    await settle();
    expect(fake.calls).toHaveLength(2);
    coverage.stop();
  });
});
