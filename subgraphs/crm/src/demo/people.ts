import type { Language } from './places.ts';

/**
 * Common given names and surnames per language, combined at random: the people are invented, and so are the dealers
 * and companies named after them. Streets are generic names found in many towns; house numbers are random.
 */
export interface LanguageNames {
  firstNames: readonly string[];
  lastNames: readonly string[];
  streets: readonly string[];
  /** Street and number in the local order. */
  address: (street: string, number: number) => string;
  /** A dealership named after a family: `Autohaus Brandt`. */
  dealer: (family: string) => string;
  /** A legal form for small companies. */
  companyForms: readonly string[];
}

const numberAfter = (street: string, n: number) => `${street} ${n}`;
const numberBefore = (street: string, n: number) => `${n} ${street}`;

export const NAMES: Record<Language, LanguageNames> = {
  de: {
    firstNames: ['Anna', 'Lukas', 'Sophie', 'Felix', 'Marie', 'Jonas', 'Lena', 'Maximilian', 'Laura', 'Tobias', 'Julia', 'Stefan', 'Katrin', 'Andreas', 'Sabine', 'Michael'],
    lastNames: ['Becker', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Brandt', 'Vogel', 'Friedrich', 'Keller'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Industriestraße', 'Gartenstraße', 'Lindenallee', 'Am Mühlbach', 'Ringstraße', 'Schillerstraße'],
    address: numberAfter,
    dealer: (family) => `Autohaus ${family}`,
    companyForms: ['GmbH', 'GmbH & Co. KG', 'KG', 'e.K.'],
  },
  fr: {
    firstNames: ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Julien', 'Manon', 'Nicolas', 'Claire', 'Thomas', 'Inès', 'Mathieu'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Lefèvre', 'Girard', 'Bonnet', 'Fontaine', 'Chevalier', 'Robin', 'Mercier'],
    streets: ['rue de la Gare', 'avenue de la République', 'rue des Lilas', 'boulevard Pasteur', 'rue du Moulin', 'route de la Forêt'],
    address: numberBefore,
    dealer: (family) => `Garage ${family}`,
    companyForms: ['SARL', 'SAS'],
  },
  nl: {
    firstNames: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Sanne', 'Thijs', 'Fleur', 'Bram', 'Lotte', 'Ruben', 'Iris'],
    lastNames: ['de Vries', 'Jansen', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Peters'],
    streets: ['Stationsweg', 'Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Industrieweg', 'Parallelweg'],
    address: numberAfter,
    dealer: (family) => `Autobedrijf ${family}`,
    companyForms: ['B.V.', 'V.O.F.'],
  },
  it: {
    firstNames: ['Giulia', 'Marco', 'Chiara', 'Luca', 'Francesca', 'Matteo', 'Sara', 'Alessandro', 'Elena', 'Davide', 'Martina', 'Paolo'],
    lastNames: ['Rossi', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'Costa', 'Fontana'],
    streets: ['Via Roma', 'Via Garibaldi', 'Corso Italia', 'Via dei Mille', 'Viale della Stazione', 'Via Mazzini'],
    address: numberAfter,
    dealer: (family) => `Autosalone ${family}`,
    companyForms: ['S.r.l.', 'S.p.A.'],
  },
  es: {
    firstNames: ['Lucía', 'Javier', 'Carmen', 'Pablo', 'Marta', 'Sergio', 'Elena', 'Diego', 'Laura', 'Álvaro', 'Paula', 'Raúl'],
    lastNames: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno', 'Navarro', 'Torres'],
    streets: ['Calle Mayor', 'Avenida de la Constitución', 'Calle del Sol', 'Paseo de la Estación', 'Calle Real'],
    address: (street, n) => `${street}, ${n}`,
    dealer: (family) => `Automóviles ${family}`,
    companyForms: ['S.L.', 'S.A.'],
  },
  pl: {
    firstNames: ['Anna', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Paweł', 'Agnieszka', 'Marcin', 'Ewa', 'Michał'],
    lastNames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Dąbrowski', 'Kaczmarek'],
    streets: ['ul. Kościuszki', 'ul. Mickiewicza', 'ul. Polna', 'ul. Leśna', 'ul. Słoneczna', 'ul. Ogrodowa'],
    address: numberAfter,
    dealer: (family) => `Auto ${family}`,
    companyForms: ['sp. z o.o.', 'S.A.'],
  },
  cs: {
    firstNames: ['Jana', 'Jan', 'Petra', 'Tomáš', 'Lucie', 'Martin', 'Tereza', 'Jakub', 'Eva', 'Ondřej'],
    lastNames: ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Marek', 'Pokorný'],
    streets: ['Nádražní', 'Husova', 'Palackého', 'Školní', 'Zahradní', 'Komenského'],
    address: numberAfter,
    dealer: (family) => `Autocentrum ${family}`,
    companyForms: ['s.r.o.', 'a.s.'],
  },
  nordic: {
    firstNames: ['Emma', 'William', 'Ida', 'Oscar', 'Freja', 'Lucas', 'Astrid', 'Elias', 'Maja', 'Anton'],
    lastNames: ['Andersson', 'Nielsen', 'Johansson', 'Hansen', 'Karlsson', 'Pedersen', 'Lindqvist', 'Larsen', 'Berg', 'Holm'],
    streets: ['Storgatan', 'Kirkevej', 'Skolegade', 'Nygatan', 'Strandvejen', 'Industrivej'],
    address: numberAfter,
    dealer: (family) => `${family} Bil`,
    companyForms: ['AB', 'ApS'],
  },
};

/** What small business customers do; combined with a surname and a legal form. */
export const TRADES: readonly string[] = [
  'Logistics', 'Construction', 'Electrical', 'Care Services', 'Real Estate', 'Catering', 'Landscaping', 'Plumbing', 'Consulting', 'Transport',
];

export const CONTACT_TITLES: readonly string[] = [
  'Managing Director', 'Fleet Manager', 'Procurement Manager', 'Office Manager', 'Head of Operations', 'Owner',
];
