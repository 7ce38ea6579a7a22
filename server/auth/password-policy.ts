import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { DomainError } from '../../shared/domain/common';

/**
 * zxcvbn-ts score needed for a password: 3 = "safely unguessable" (about 10^8 guesses) with the
 * common-password, name and keyboard-pattern dictionaries. Length alone (the schema's 10+) lets
 * `aaaaaaaaaa` and `1234567890` through; this does not.
 */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Built on the first password set, not at start: ranking the dictionaries costs 120–200 ms of
 * CPU, which a restarted node would otherwise spend before answering its first screen.
 */
let estimator: ZxcvbnFactory | undefined;
const passwordEstimator = () => (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

/** Throws a 400 naming `password` when it is the user name, or too easy to guess. */
export function checkPasswordPolicy(password: string, username: string) {
  const name = username.toLowerCase();
  const lower = password.toLowerCase();
  if (lower === name || lower === [...name].reverse().join('') || lower.replaceAll(name, '').length < 4) {
    throw new DomainError('invalid', 'password: must not be the user name', { field: 'password' });
  }
  // The user name counts as known to an attacker, so "lead1lead1lead1" scores low.
  const { score, feedback } = passwordEstimator().check(password.slice(0, 100), [username]);
  if (score < MIN_PASSWORD_SCORE) {
    const hint = feedback.warning ? ` (${feedback.warning})` : '';
    throw new DomainError('invalid', `password: too easy to guess${hint}; use a longer phrase of unrelated words`, { field: 'password' });
  }
}
