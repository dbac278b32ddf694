import type { ProductType } from '../store/rows.ts';

/** Something a customer can ask for and a dealer can sell; prices are list prices in euro cents, VAT included. */
export interface Product {
  code: string;
  name: string;
  type: ProductType;
  priceCents: number;
  /** Interest tags a lead asking for this product tends to carry. */
  tags: readonly string[];
}

/** The OEM's (invented) model range: each model in its trims. */
export const VEHICLES: readonly Product[] = [
  ...model('LYR', 'Lyra', ['first-car'], [['Life', 27_490], ['Style', 30_990], ['GT Line', 34_750]]),
  ...model('LYE', 'Lyra e', ['electric'], [['Pure', 36_900], ['Pro', 41_500]]),
  ...model('ORV', 'Orvia', ['company-car'], [['Comfort', 39_800], ['Business', 44_250], ['Sport', 49_900]]),
  ...model('ORT', 'Orvia Touring', ['family', 'towing'], [['Comfort', 41_300], ['Business', 45_750], ['Plug-in Hybrid', 52_400]]),
  ...model('KAV', 'Kaval', ['family'], [['Active', 35_600], ['Style', 39_400], ['AWD Style', 43_900]]),
  ...model('VAN', 'Vantor', ['family', 'towing'], [['Comfort', 58_900], ['Premium', 66_400], ['Hybrid Premium', 72_300]]),
  ...model('SOL', 'Solen e', ['electric'], [['Long Range', 54_990], ['Performance', 63_490]]),
  ...model('ARC', 'Arco', ['performance'], [['GT', 78_500], ['GT-S', 89_900]]),
  ...model('TRA', 'Transa Van', ['fleet'], [['Cargo L2H2', 41_200], ['Kombi', 44_800], ['e-Cargo', 52_600]]),
];

export const SPARE_PARTS: readonly Product[] = [
  part('P-BRK-PAD-F', 'Brake pad set, front axle', 8_990),
  part('P-BRK-DSC-F', 'Brake discs, front axle (pair)', 18_400),
  part('P-OIL-FLT', 'Oil filter', 1_490),
  part('P-AIR-FLT', 'Air filter', 2_950),
  part('P-CAB-FLT', 'Cabin filter, activated carbon', 3_490),
  part('P-WIP-SET', 'Wiper blade set', 4_200),
  part('P-BAT-70', '12 V battery 70 Ah AGM', 21_900),
  part('P-TBK', 'Timing belt kit with water pump', 38_900),
  part('P-HLA-LED-L', 'LED headlight unit, left', 114_900),
  part('P-WSC', 'Windscreen with rain sensor bracket', 68_900),
  part('P-SPK-4', 'Spark plug set (4)', 6_400),
  part('P-CLT-KIT', 'Clutch kit', 47_900),
  part('P-SHK-R', 'Shock absorbers, rear axle (pair)', 31_200),
];

export const ACCESSORIES: readonly Product[] = [
  accessory('A-RBX-420', 'Roof box 420 l', 64_900, ['family']),
  accessory('A-TOW-DET', 'Towbar, detachable', 109_000, ['towing']),
  accessory('A-MAT-AW', 'All-weather floor mats', 11_900, []),
  accessory('A-WHL-W17', 'Winter wheel set 17" with TPMS', 169_000, ['winter']),
  accessory('A-BIK-2', 'Bike carrier for towbar, 2 bikes', 54_900, ['towing']),
  accessory('A-WBX-11', 'Wallbox 11 kW', 89_900, ['electric']),
  accessory('A-CBL-T2', 'Charging cable Type 2, 7.5 m', 27_900, ['electric']),
  accessory('A-CHS-ISO', 'Child seat ISOFIX', 38_900, ['family']),
  accessory('A-CRG-LNR', 'Cargo liner', 9_900, []),
  accessory('A-RRL-XB', 'Roof cross bars', 25_900, []),
  accessory('A-DSC', 'Dashcam, front and rear', 32_900, []),
];

/** Tags leads carry besides the ones their products suggest. */
export const INTEREST_TAGS: readonly string[] = ['leasing', 'financing', 'trade-in', 'service', 'company-car', 'winter', 'family'];

function model(code: string, name: string, tags: readonly string[], trims: readonly (readonly [string, number])[]): Product[] {
  return trims.map(([trim, euros]) => ({
    code: `V-${code}-${trim.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
    name: `${name} ${trim}`,
    type: 'VEHICLE',
    priceCents: euros * 100,
    tags,
  }));
}

function part(code: string, name: string, priceCents: number): Product {
  return { code, name, type: 'SPARE_PART', priceCents, tags: ['service'] };
}

function accessory(code: string, name: string, priceCents: number, tags: readonly string[]): Product {
  return { code, name, type: 'ACCESSORY', priceCents, tags };
}
