/** Languages whose names, streets and dealer styles the demo uses; see `people.ts`. */
export type Language = 'de' | 'fr' | 'nl' | 'it' | 'es' | 'pl' | 'cs' | 'nordic';

/** A real city with its real centre coordinates; dealers and their customers are placed around it. */
export interface City {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  language: Language;
  latitude: number;
  longitude: number;
  /** Postal code shape for `Random.pattern`: `#` a digit, `@` a letter. */
  postalCode: string;
  /** International dialling prefix with the city's area code. */
  phonePrefix: string;
  /** Three letters for dealer codes. */
  code: string;
}

/**
 * Cities in the order dealers open: the home market first, then the rest of Europe. A network with more dealers than
 * cities opens second and third branches in the same cities.
 */
export const CITIES: readonly City[] = [
  city('München', 'DE', 'de', 48.1374, 11.5755, '80###', '+49 89', 'MUC'),
  city('Berlin', 'DE', 'de', 52.52, 13.405, '10###', '+49 30', 'BER'),
  city('Hamburg', 'DE', 'de', 53.5511, 9.9937, '20###', '+49 40', 'HAM'),
  city('Köln', 'DE', 'de', 50.9375, 6.9603, '50###', '+49 221', 'CGN'),
  city('Frankfurt am Main', 'DE', 'de', 50.1109, 8.6821, '60###', '+49 69', 'FRA'),
  city('Stuttgart', 'DE', 'de', 48.7758, 9.1829, '70###', '+49 711', 'STR'),
  city('Wien', 'AT', 'de', 48.2082, 16.3738, '1###', '+43 1', 'VIE'),
  city('Zürich', 'CH', 'de', 47.3769, 8.5417, '80##', '+41 44', 'ZRH'),
  city('Düsseldorf', 'DE', 'de', 51.2277, 6.7735, '40###', '+49 211', 'DUS'),
  city('Leipzig', 'DE', 'de', 51.3397, 12.3731, '04###', '+49 341', 'LEJ'),
  city('Amsterdam', 'NL', 'nl', 52.3676, 4.9041, '10## @@', '+31 20', 'AMS'),
  city('Paris', 'FR', 'fr', 48.8566, 2.3522, '750##', '+33 1', 'PAR'),
  city('Milano', 'IT', 'it', 45.4642, 9.19, '201##', '+39 02', 'MIL'),
  city('Hannover', 'DE', 'de', 52.3759, 9.732, '30###', '+49 511', 'HAJ'),
  city('Nürnberg', 'DE', 'de', 49.4521, 11.0767, '90###', '+49 911', 'NUE'),
  city('Dresden', 'DE', 'de', 51.0504, 13.7373, '01###', '+49 351', 'DRS'),
  city('Madrid', 'ES', 'es', 40.4168, -3.7038, '280##', '+34 91', 'MAD'),
  city('Warszawa', 'PL', 'pl', 52.2297, 21.0122, '00-###', '+48 22', 'WAW'),
  city('Praha', 'CZ', 'cs', 50.0755, 14.4378, '1## 00', '+420 2', 'PRG'),
  city('Bruxelles', 'BE', 'fr', 50.8503, 4.3517, '10##', '+32 2', 'BRU'),
  city('Bremen', 'DE', 'de', 53.0793, 8.8017, '28###', '+49 421', 'BRE'),
  city('Dortmund', 'DE', 'de', 51.5136, 7.4653, '44###', '+49 231', 'DTM'),
  city('Graz', 'AT', 'de', 47.0707, 15.4395, '80##', '+43 316', 'GRZ'),
  city('Basel', 'CH', 'de', 47.5596, 7.5886, '40##', '+41 61', 'BSL'),
  city('Lyon', 'FR', 'fr', 45.764, 4.8357, '6900#', '+33 4', 'LYS'),
  city('Torino', 'IT', 'it', 45.0703, 7.6869, '101##', '+39 011', 'TRN'),
  city('Rotterdam', 'NL', 'nl', 51.9244, 4.4777, '30## @@', '+31 10', 'RTM'),
  city('København', 'DK', 'nordic', 55.6761, 12.5683, '1###', '+45 3', 'CPH'),
  city('Stockholm', 'SE', 'nordic', 59.3293, 18.0686, '11# ##', '+46 8', 'STO'),
  city('Barcelona', 'ES', 'es', 41.3874, 2.1686, '080##', '+34 93', 'BCN'),
  city('Essen', 'DE', 'de', 51.4556, 7.0116, '45###', '+49 201', 'ESS'),
  city('Mannheim', 'DE', 'de', 49.4875, 8.466, '68###', '+49 621', 'MHG'),
  city('Karlsruhe', 'DE', 'de', 49.0069, 8.4037, '76###', '+49 721', 'KAE'),
  city('Augsburg', 'DE', 'de', 48.3705, 10.8978, '86###', '+49 821', 'AGB'),
  city('Linz', 'AT', 'de', 48.3069, 14.2858, '40##', '+43 732', 'LNZ'),
  city('Salzburg', 'AT', 'de', 47.8095, 13.055, '50##', '+43 662', 'SZG'),
  city('Bern', 'CH', 'de', 46.948, 7.4474, '30##', '+41 31', 'BRN'),
  city('Genève', 'CH', 'fr', 46.2044, 6.1432, '12##', '+41 22', 'GVA'),
  city('Luxembourg', 'LU', 'fr', 49.6116, 6.1319, 'L-1###', '+352 4', 'LUX'),
  city('Antwerpen', 'BE', 'nl', 51.2194, 4.4025, '20##', '+32 3', 'ANR'),
  city('Utrecht', 'NL', 'nl', 52.0907, 5.1214, '35## @@', '+31 30', 'UTC'),
  city('Strasbourg', 'FR', 'fr', 48.5734, 7.7521, '670##', '+33 3', 'SXB'),
  city('Bologna', 'IT', 'it', 44.4949, 11.3426, '401##', '+39 051', 'BLQ'),
  city('Verona', 'IT', 'it', 45.4384, 10.9916, '371##', '+39 045', 'VRN'),
  city('Kraków', 'PL', 'pl', 50.0647, 19.945, '3#-###', '+48 12', 'KRK'),
  city('Freiburg im Breisgau', 'DE', 'de', 47.999, 7.8421, '79###', '+49 761', 'FRB'),
  city('Münster', 'DE', 'de', 51.9607, 7.6261, '48###', '+49 251', 'FMO'),
  city('Kiel', 'DE', 'de', 54.3233, 10.1228, '24###', '+49 431', 'KEL'),
  city('Regensburg', 'DE', 'de', 49.0134, 12.1016, '93###', '+49 941', 'RGB'),
  city('Ingolstadt', 'DE', 'de', 48.7665, 11.4258, '85###', '+49 841', 'IGS'),
  city('Bielefeld', 'DE', 'de', 52.0302, 8.5325, '33###', '+49 521', 'BFE'),
  city('Erfurt', 'DE', 'de', 50.9848, 11.0299, '99###', '+49 361', 'ERF'),
  city('Innsbruck', 'AT', 'de', 47.2692, 11.4041, '60##', '+43 512', 'INN'),
  city('Eindhoven', 'NL', 'nl', 51.4416, 5.4697, '56## @@', '+31 40', 'EIN'),
  city('Lille', 'FR', 'fr', 50.6292, 3.0573, '590##', '+33 3', 'LIL'),
];

function city(
  name: string,
  country: string,
  language: Language,
  latitude: number,
  longitude: number,
  postalCode: string,
  phonePrefix: string,
  code: string,
): City {
  return { name, country, language, latitude, longitude, postalCode, phonePrefix, code };
}
