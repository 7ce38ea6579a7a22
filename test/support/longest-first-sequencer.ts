import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { LONGEST_FILES } from './test-groups.ts';

/**
 * vitest's order, with the longest files moved to the front. vitest runs the projects' files one
 * project after another (every postgres file before any sqlite one) and, in a fresh clone with no
 * timings cached, larger files first: the 100 s accessibility file started near the end of a CI run
 * and ran alone for its last minute and a half. The rest keep vitest's order, so a worker goes on
 * with files of the project it already loaded.
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = LONGEST_FILES.indexOf(`${spec.project.name}:${relative(spec.project.config.root, spec.moduleId)}`);
      return at === -1 ? LONGEST_FILES.length : at;
    };
    const groupOrder = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    // Array.prototype.sort is stable: files of equal rank stay in vitest's order.
    return (await super.sort(files)).sort((a, b) => groupOrder(a) - groupOrder(b) || rank(a) - rank(b));
  }
}
