import { ruleOf } from '../../../../../shared/scoring/blocks';
import type { BlockId } from '../../../../../shared/scoring/rule-table';
import { RULE_OF_KIND, type WhatIfKind, type WhatIfView } from '../../../../../shared/scoring/what-if-kinds';

/** What the wall shows on a block's row: the next mistake charged to that block. */
export interface BlockNextMistake {
  kind: WhatIfKind;
  points: number;
  yuan: number;
  /** A rate whose next failures are still free: how many more it absorbs before a deduction (≥ 1); else null. */
  freeFailures: number | null;
}

/**
 * The what-if's items placed on the blocks they are charged to, by the rule table (a late arrival
 * on 应急岗, a wrong dispatch on 派单准确率…). Blocks no counted mistake reaches (the Center's
 * manual deductions, faults) have no entry; a month that is over has none at all.
 */
export function nextMistakeByBlock(view: WhatIfView | null): Partial<Record<BlockId, BlockNextMistake>> {
  if (!view || view.closed) return {};
  const out: Partial<Record<BlockId, BlockNextMistake>> = {};
  for (const item of view.items) {
    const steps = view.headroom.find((h) => h.kind === item.kind)?.beforeNextStep ?? null;
    out[ruleOf(RULE_OF_KIND[item.kind]).block] = {
      kind: item.kind,
      points: item.points,
      yuan: item.yuan,
      freeFailures: item.points === 0 && steps !== null && steps > 0 ? steps : null,
    };
  }
  return out;
}
