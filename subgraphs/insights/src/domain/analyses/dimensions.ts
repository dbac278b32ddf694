import type { CaseView } from '../analysis.ts';

/** The attributes cases are grouped by. */
export const DIMENSIONS = ['SEGMENT', 'DEALER', 'SALES_REP', 'PRODUCT_FAMILY', 'REGION'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The value of a case for a dimension; null when the log does not know it. */
export function dimensionValue(c: CaseView, dimension: Dimension): string | null {
  switch (dimension) {
    case 'SEGMENT':
      return c.segment;
    case 'DEALER':
      return c.dealerId;
    case 'SALES_REP':
      return c.salesRep;
    case 'PRODUCT_FAMILY':
      return c.productFamily;
    case 'REGION':
      return c.region;
  }
}
