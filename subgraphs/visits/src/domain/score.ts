import { percentage } from './decimal.ts';

/**
 * A visit's score: the share of its evaluated indicators (those with an expectation and an actual value) that met
 * their expectation, in percent with one decimal place. Every evaluated indicator weighs the same, so the score reads
 * as "14 of 16 expectations met"; indicators without an expectation (open questions) and values not recorded do not
 * count. No evaluated indicator, no score.
 */

export interface Score {
  /** `"87.5"`, or null when nothing was evaluated. */
  score: string | null;
  met: number;
  evaluated: number;
}

export function scoreOf(results: readonly { met: boolean | null }[]): Score {
  const evaluated = results.filter((r) => r.met !== null);
  const met = evaluated.filter((r) => r.met === true).length;
  return { score: percentage(BigInt(met), BigInt(evaluated.length)), met, evaluated: evaluated.length };
}
