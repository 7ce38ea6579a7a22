import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../sim/api-client';
import { parseMapping } from '../../../sim/replay/mapping';
import { replay } from '../../../sim/replay/replay';
import type { SimTarget } from '../../../sim/target';
import sf from '../../../sim/mappings/sf311.json';

/** A target that records when each order would be sent and what, without a server. */
function recordingTarget(start: number) {
  let now = start;
  const sent: { at: number; externalId: string }[] = [];
  const api = {
    post: (_path: string, body: { externalId: string }) => {
      sent.push({ at: now, externalId: body.externalId });
      return Promise.resolve({ ok: true, status: 201, data: {} });
    },
  } as unknown as ApiClient;
  const target: SimTarget = {
    api,
    speed: Infinity,
    now: () => new Date(now),
    advanceTo: (at) => {
      now = Math.max(now, at.getTime());
      return Promise.resolve();
    },
  };
  return { target, sent };
}

const row = (id: string, created: string) => ({
  line: Number(id) + 1,
  row: { unique_key: id, created_date: created, category: 'Graffiti', complaint_type: 'Graffiti', source: 'Web', latitude: '37.77', longitude: '-122.42' },
});

describe('replay pacing', () => {
  const mapping = parseMapping(sf);
  // Newest first, as the NYC slice comes: the replay sorts by creation time.
  const rows = [row('3', '2019-10-04 09:00:00 UTC'), row('2', '2019-10-01 09:10:00 UTC'), row('1', '2019-10-01 09:00:00 UTC')];
  const START = Date.UTC(2025, 2, 10, 1);

  it('sends rows oldest first, the first one now and the gaps kept', async () => {
    const { target, sent } = recordingTarget(START);
    await replay({ target, mapping, rows });
    expect(sent).toEqual([
      { at: START, externalId: 'SF311-1' },
      { at: START + 10 * 60_000, externalId: 'SF311-2' },
      { at: START + 10 * 60_000 + 3 * 86_400_000 - 10 * 60_000, externalId: 'SF311-3' },
    ]);
  });

  it('shrinks quiet gaps to --max-gap', async () => {
    const { target, sent } = recordingTarget(START);
    await replay({ target, mapping, rows, maxGapMs: 60_000 });
    expect(sent.map((s) => s.at - START)).toEqual([0, 60_000, 120_000]);
  });
});
