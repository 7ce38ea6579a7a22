import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Staff } from '../../../shared/domain/staff';
import type { EventEnvelope } from '../../../shared/events';
import zhCN from '../../../client/src/i18n/zh-CN';
import en from '../../../client/src/i18n/en';
import { screenLabelsEn, screenLabelsZhCN } from '../../../client/src/i18n/screen-labels';
import { describeEvent, photosOf } from '../../../client/src/views/dispatch/describe-event';
import { ORDER_ACTIONS } from '../../../client/src/views/dispatch/order-actions';
import { slaTimer } from '../../../client/src/views/dispatch/sla-timer';
import { suggestResponders } from '../../../client/src/views/dispatch/suggest-responders';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

const responder = (id: string, overrides: Partial<Staff> = {}): Staff => ({
  id,
  name: `应急员${id}`,
  post: 'responder',
  onDuty: true,
  active: true,
  updatedAt: '2025-03-14T00:00:00Z',
  version: 1,
  ...overrides,
});
const at = (responderId: string, lat: number, lng = 84.88) => ({ responderId, lat, lng, at: '2025-03-14T00:00:00Z' });
// 0.01° of latitude ≈ 1.11 km.
const incident = { id: 'INC-1', location: { lat: 45.6, lng: 84.88 }, responderId: null };

describe('responder suggestions for an incident', () => {
  it('puts idle responders first, then busy, then off-duty ones, each group nearest first, with the SLA band', () => {
    const staff = [responder('FAR'), responder('NEAR'), responder('MID'), responder('BUSY'), responder('OFF', { onDuty: false })];
    const positions = { FAR: at('FAR', 45.72), NEAR: at('NEAR', 45.61), MID: at('MID', 45.66), BUSY: at('BUSY', 45.6005), OFF: at('OFF', 45.6001) };
    const others = [{ id: 'INC-2', state: 'en_route' as const, responderId: 'BUSY' }];
    const list = suggestResponders(incident, staff, positions, others, DEFAULT_SETTINGS.arrivalBands);
    expect(list.map((s) => [s.responder.id, s.band, s.availability])).toEqual([
      ['NEAR', '≤5 km · 15 min', 'idle'],
      ['MID', '≤10 km · 20 min', 'idle'],
      ['FAR', '>10 km · 30 min', 'idle'],
      ['BUSY', '≤5 km · 15 min', 'busy'],
      ['OFF', '≤5 km · 15 min', 'off_duty'],
    ]);
    expect(list[3].busyOn).toEqual(['INC-2']);
    expect(list[0].km).toBeCloseTo(1.11, 1);
  });

  it('leaves out inactive people, non-responders, those without a position, and the current responder', () => {
    const staff = [responder('GONE', { active: false }), responder('SEAT', { post: 'seat' }), responder('NOPOS'), responder('CURRENT'), responder('OK')];
    const positions = { GONE: at('GONE', 45.61), SEAT: at('SEAT', 45.61), CURRENT: at('CURRENT', 45.61), OK: at('OK', 45.65) };
    const list = suggestResponders({ ...incident, responderId: 'CURRENT' }, staff, positions, [], DEFAULT_SETTINGS.arrivalBands);
    expect(list.map((s) => s.responder.id)).toEqual(['OK']);
  });

  it('a responder on a closed incident counts as idle again', () => {
    const list = suggestResponders(
      incident,
      [responder('A')],
      { A: at('A', 45.61) },
      [{ id: 'INC-9', state: 'closed', responderId: 'A' }],
      DEFAULT_SETTINGS.arrivalBands,
    );
    expect(list[0].availability).toBe('idle');
  });
});

describe('SLA timers on the board', () => {
  const now = Date.parse('2025-03-14T08:00:00Z');
  it('counts down, warns near the end, and shows overdue time with a minus sign', () => {
    expect(slaTimer('2025-03-14T08:12:05Z', now)).toEqual({ text: '12:05', level: 'ok' });
    expect(slaTimer('2025-03-14T08:04:59Z', now)).toEqual({ text: '04:59', level: 'warn' });
    expect(slaTimer('2025-03-14T07:56:50Z', now)).toEqual({ text: '-03:10', level: 'overdue' });
    expect(slaTimer('2025-03-14T09:02:05Z', now)).toEqual({ text: '1:02:05', level: 'ok' });
    expect(slaTimer('2025-03-19T07:59:24Z', now, 5 * 60_000, '天')).toEqual({ text: '4天 23:59', level: 'ok' });
    expect(slaTimer(null, now)).toEqual({ text: '—', level: 'none' });
  });
});

describe('dispatch labels', () => {
  for (const [locale, messages] of [
    ['zh-CN', { ...zhCN, ...screenLabelsZhCN }],
    ['en', { ...en, ...screenLabelsEn }],
  ] as const) {
    const i18n = createI18n({ legacy: false, locale, messages: { [locale]: messages }, missingWarn: false, fallbackWarn: false });
    // eslint-disable-next-line @typescript-eslint/unbound-method -- vue-i18n's composer functions are closures; destructuring is its documented use
    const { t, te } = i18n.global;

    it(`${locale}: every work-order action button has a label`, () => {
      for (const { action } of ORDER_ACTIONS) expect(te(`board.action.${action}`), action).toBe(true);
      // One key per action, none taken by moving (j/k), new order (n) or arrival (a).
      const keys = ORDER_ACTIONS.map((a) => a.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.filter((k) => ['j', 'k', 'n', 'a'].includes(k))).toEqual([]);
    });

    it(`${locale}: a timeline line names the new responder or department, not a raw event type`, () => {
      const dispatched = { type: 'incident.dispatched', payload: { incident: { responderId: 'R2' } } } as unknown as EventEnvelope;
      const reassigned = { type: 'workOrder.reassigned', payload: { workOrder: { department: '水务局' } } } as unknown as EventEnvelope;
      const name = (id: string) => (id === 'R2' ? '艾力' : id);
      expect(describeEvent(dispatched, t, te, name)).toContain('艾力');
      expect(describeEvent(reassigned, t, te, name)).toContain('水务局');
      // 返工: the reason in words and the lead's note, never the raw code.
      const reopened = {
        type: 'workOrder.reopened',
        payload: { workOrder: { department: '水务局' }, reopen: { reason: 'citizen_dissatisfied', from: 'called_back' }, note: '仍有积水' },
      } as unknown as EventEnvelope;
      const line = describeEvent(reopened, t, te, name);
      expect(line).toContain(locale === 'zh-CN' ? '返工：群众不满意' : 'Citizen not satisfied');
      expect(line).toContain('仍有积水');
      expect(line).not.toContain('citizen_dissatisfied');
      expect(describeEvent(reassigned, t, te, name)).not.toContain('workOrder');
    });

    it(`${locale}: a field report's line says 首报 or 续报, and the photos it brought go with it`, () => {
      const report = (kind: string, photos?: string[]) =>
        ({
          type: 'incident.reported',
          payload: { incident: { reports: [{ kind: 'first' }, { kind, ...(photos ? { photos } : {}) }] } },
        }) as unknown as EventEnvelope;
      expect(describeEvent(report('first'), t, te, (id) => id)).toBe(locale === 'en' ? 'First report' : '首报');
      expect(describeEvent(report('follow-up'), t, te, (id) => id)).toBe(locale === 'en' ? 'Follow-up' : '续报');
      expect(photosOf(report('follow-up', ['P-1', 'P-2']))).toEqual(['P-1', 'P-2']);
      expect(photosOf(report('first'))).toEqual([]);
    });
  }
});
