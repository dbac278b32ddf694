import type { ProductCategory } from '../store/rows.ts';

/**
 * The OEM's (invented) catalogue for demos. The codes, names and list prices are the ones CRM's demo leads and
 * opportunities ask for, so a demo lead converts into an opportunity whose products can be quoted. They are written
 * out here rather than imported: subgraphs never import each other.
 */
export interface DemoProduct {
  code: string;
  name: string;
  category: ProductCategory;
  family: string;
  /** List price in euro cents (for services: for `termMonths`). */
  priceCents: number;
  termMonths?: number;
  entitlement?: { name: string; months: number };
  /** Volume discount tiers: [minimum quantity, percent]. */
  tiers?: [number, string][];
}

const ROADSIDE = { name: 'Roadside assistance', months: 36 };
const FLEET_TIERS: [number, string][] = [
  [3, '2'],
  [5, '4'],
  [10, '6'],
];

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  ...model('LYR', 'Lyra', [['Life', 27_490], ['Style', 30_990], ['GT Line', 34_750]]),
  ...model('LYE', 'Lyra e', [['Pure', 36_900], ['Pro', 41_500]]),
  ...model('ORV', 'Orvia', [['Comfort', 39_800], ['Business', 44_250], ['Sport', 49_900]]),
  ...model('ORT', 'Orvia Touring', [['Comfort', 41_300], ['Business', 45_750], ['Plug-in Hybrid', 52_400]]),
  ...model('KAV', 'Kaval', [['Active', 35_600], ['Style', 39_400], ['AWD Style', 43_900]]),
  ...model('VAN', 'Vantor', [['Comfort', 58_900], ['Premium', 66_400], ['Hybrid Premium', 72_300]]),
  ...model('SOL', 'Solen e', [['Long Range', 54_990], ['Performance', 63_490]]),
  ...model('ARC', 'Arco', [['GT', 78_500], ['GT-S', 89_900]]),
  ...model('TRA', 'Transa Van', [['Cargo L2H2', 41_200], ['Kombi', 44_800], ['e-Cargo', 52_600]]),
  part('P-BRK-PAD-F', 'Brake pad set, front axle', 8_990, 'Brakes'),
  part('P-BRK-DSC-F', 'Brake discs, front axle (pair)', 18_400, 'Brakes'),
  part('P-OIL-FLT', 'Oil filter', 1_490, 'Filters'),
  part('P-AIR-FLT', 'Air filter', 2_950, 'Filters'),
  part('P-CAB-FLT', 'Cabin filter, activated carbon', 3_490, 'Filters'),
  part('P-WIP-SET', 'Wiper blade set', 4_200, 'Wipers'),
  part('P-BAT-70', '12 V battery 70 Ah AGM', 21_900, 'Electrics'),
  part('P-TBK', 'Timing belt kit with water pump', 38_900, 'Engine'),
  part('P-HLA-LED-L', 'LED headlight unit, left', 114_900, 'Lighting'),
  part('P-WSC', 'Windscreen with rain sensor bracket', 68_900, 'Glass'),
  part('P-SPK-4', 'Spark plug set (4)', 6_400, 'Engine'),
  part('P-CLT-KIT', 'Clutch kit', 47_900, 'Engine'),
  part('P-SHK-R', 'Shock absorbers, rear axle (pair)', 31_200, 'Suspension'),
  accessory('A-RBX-420', 'Roof box 420 l', 64_900, 'Carrying'),
  accessory('A-TOW-DET', 'Towbar, detachable', 109_000, 'Towing'),
  accessory('A-MAT-AW', 'All-weather floor mats', 11_900, 'Interior'),
  accessory('A-WHL-W17', 'Winter wheel set 17" with TPMS', 169_000, 'Wheels'),
  accessory('A-BIK-2', 'Bike carrier for towbar, 2 bikes', 54_900, 'Towing'),
  accessory('A-WBX-11', 'Wallbox 11 kW', 89_900, 'Charging'),
  accessory('A-CBL-T2', 'Charging cable Type 2, 7.5 m', 27_900, 'Charging'),
  accessory('A-CHS-ISO', 'Child seat ISOFIX', 38_900, 'Interior'),
  accessory('A-CRG-LNR', 'Cargo liner', 9_900, 'Interior'),
  accessory('A-RRL-XB', 'Roof cross bars', 25_900, 'Carrying'),
  accessory('A-DSC', 'Dashcam, front and rear', 32_900, 'Electronics'),
  { code: 'S-MAINT-PLAN', name: 'Maintenance plan', category: 'SERVICE', family: 'Service plans', priceCents: 35_900, termMonths: 12 },
  { code: 'S-CONNECT', name: 'Connected services', category: 'SERVICE', family: 'Connected car', priceCents: 11_900, termMonths: 12 },
  { code: 'S-EXT-WARRANTY', name: 'Extended warranty', category: 'SERVICE', family: 'Warranty', priceCents: 49_000, termMonths: 12, tiers: FLEET_TIERS },
];

function model(code: string, family: string, trims: readonly (readonly [string, number])[]): DemoProduct[] {
  return trims.map(([trim, euros]) => ({
    code: `V-${code}-${trim.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
    name: `${family} ${trim}`,
    category: 'VEHICLE',
    family,
    priceCents: euros * 100,
    entitlement: ROADSIDE,
    tiers: FLEET_TIERS,
  }));
}

function part(code: string, name: string, priceCents: number, family: string): DemoProduct {
  return { code, name, category: 'SPARE_PART', family, priceCents, tiers: [[10, '5'], [50, '10']] };
}

function accessory(code: string, name: string, priceCents: number, family: string): DemoProduct {
  return { code, name, category: 'ACCESSORY', family, priceCents };
}
