import { describe, expect, it } from 'vitest';
import { ResumeReads } from '../../../server/realtime/resume-reads';
import { redactEvent } from '../../../shared/board/redact';
import { newWorkOrder, workOrderIntakeSchema } from '../../../shared/domain/work-order';
import type { EventEnvelope } from '../../../shared/events';
import { workOrderIntake } from '../../support/factories';

const PHONE = '13800000000';
const event = (seq: number): EventEnvelope => {
  const intake = workOrderIntakeSchema.parse({ ...workOrderIntake(), reporter: { name: '王五', phone: PHONE } });
  const workOrder = newWorkOrder(`WO-${seq}`, intake, { lat: 45.6, lng: 84.87 }, new Date('2026-11-30T08:00:00.000Z'));
  return {
    seq,
    type: 'workOrder.received',
    entityType: 'workOrder',
    entityId: workOrder.id,
    actor: 'intake:test',
    at: workOrder.createdAt,
    payload: { workOrder },
  };
};

/** Reads that resolve when told to; records each `after` asked. */
function controlledLog() {
  const asked: number[] = [];
  const pending: Array<() => void> = [];
  const read = (after: number) => {
    asked.push(after);
    return new Promise<EventEnvelope[]>((resolve) => pending.push(() => resolve([event(after + 1), event(after + 2)])));
  };
  return { read, asked, finishNext: () => pending.shift()!() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('ResumeReads: screens resuming from one seq share a read, never an older one', () => {
  it('200 screens asking from the same seq during one read share the next read; another seq reads on its own', async () => {
    const log = controlledLog();
    const reads = new ResumeReads(log.read);
    const first = reads.get(10);
    const crowd = Array.from({ length: 200 }, () => reads.get(10));
    const other = reads.get(7);
    expect(log.asked).toEqual([10, 7]);
    log.finishNext();
    await first;
    await tick();
    // The crowd asked while the first read ran: theirs starts after they asked.
    expect(log.asked).toEqual([10, 7, 10]);
    log.finishNext();
    log.finishNext();
    const pages = await Promise.all(crowd);
    expect(new Set(pages).size).toBe(1);
    expect((await other).events.map((e) => e.seq)).toEqual([8, 9]);
  });

  it('sends the same JSON as the events themselves, redacted for the rooms without personal data', async () => {
    const log = controlledLog();
    const reads = new ResumeReads(log.read);
    const answer = reads.get(0);
    log.finishNext();
    const page = await answer;
    expect(JSON.parse(page.full().json)).toEqual(JSON.parse(JSON.stringify(page.events)));
    expect(page.full()).toBe(page.full());
    expect(page.full().json).toContain(PHONE);
    const redacted = page.redacted().json;
    expect(redacted).not.toContain(PHONE);
    expect(JSON.parse(redacted)).toEqual(JSON.parse(JSON.stringify(page.events.map(redactEvent))));
  });

  it('a screen asking after the reads finished gets a fresh read', async () => {
    const log = controlledLog();
    const reads = new ResumeReads(log.read);
    const first = reads.get(3);
    log.finishNext();
    await first;
    await tick();
    const later = reads.get(3);
    expect(log.asked).toEqual([3, 3]);
    log.finishNext();
    expect(await later).not.toBe(await first);
  });
});
