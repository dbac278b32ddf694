/** CPQ's money arithmetic is the shared exact-decimal arithmetic (`@l2c/shared` money.ts). */
export {
  compareDecimals,
  divideHalfUp,
  formatScaled,
  fromCents,
  fromPercentUnits,
  HUNDRED_PERCENT,
  lessPercent,
  MONEY_SCALE,
  mustCents,
  parseScaled,
  PERCENT_SCALE,
  percentOf,
  sumMoney,
  toCents,
  toPercentUnits,
} from '@l2c/shared';
