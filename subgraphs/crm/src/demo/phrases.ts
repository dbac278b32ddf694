/** Free-text values the demo rows carry: reasons, notes and feedback as sales staff would write them. */

export const UNQUALIFIED_REASONS: readonly string[] = [
  'No budget this year', 'Only browsing, no purchase planned', 'Wants a used car', 'Outside our sales area',
  'Purchase more than 12 months away', 'Company car policy excludes our brand',
];

export const ARCHIVE_REASONS: readonly string[] = [
  'Duplicate of another lead', 'No response after three attempts', 'Bought elsewhere', 'Asked not to be contacted again',
];

export const LOSS_REASONS: readonly string[] = [
  'Chose a competitor', 'Price too high', 'Delivery time too long', 'Financing declined', 'Purchase postponed',
  'Trade-in offer too low', 'No response to the final offer',
];

export const QUALIFICATION_NOTES: readonly string[] = [
  'Budget confirmed, decides with partner', 'Fleet manager signs off up to 10 vehicles', 'Current lease ends next quarter',
  'Financing pre-approved', 'Needs delivery before winter', 'Trade-in vehicle appraised',
];

export const SELLER_NOTES: readonly string[] = [
  'Bought the previous car here', 'Closest to the customer\'s office', 'Recommended by a colleague', 'Open on Saturdays',
];

export const TEST_DRIVE_FEEDBACK: Record<number, readonly string[]> = {
  1: ['Seating position did not suit the customer'],
  2: ['Found the cabin too loud at motorway speed', 'Expected more boot space'],
  3: ['Liked the drive, unsure about the price', 'Wants to compare with a competitor model'],
  4: ['Enjoyed the assistance systems', 'Comfortable ride, asked for a quote', 'Liked the range on the motorway'],
  5: ['Delighted, wants to order this week', 'Best test drive so far, asked about delivery times'],
};

export const CANCELLATION_NOTES: readonly string[] = ['Rescheduled by the customer', 'Vehicle not available', 'Customer fell ill'];

export const NO_SHOW_NOTE = 'Customer did not come and did not answer the phone';

/** Companies that supply the OEM and its dealers: invented names. */
export const SUPPLIERS: readonly { name: string; cityIndex: number }[] = [
  { name: 'Rheintal Präzisionsteile GmbH', cityIndex: 3 },
  { name: 'Nordlicht Fahrzeugbeleuchtung GmbH', cityIndex: 2 },
  { name: 'Alpenland Bremsensysteme AG', cityIndex: 7 },
  { name: 'Donau Kabelwerk GmbH', cityIndex: 6 },
  { name: 'Sächsische Sitzsysteme GmbH', cityIndex: 9 },
  { name: 'Lombarda Componenti S.r.l.', cityIndex: 12 },
  { name: 'Moravia Castings s.r.o.', cityIndex: 18 },
  { name: 'Vistula Glass sp. z o.o.', cityIndex: 17 },
];
