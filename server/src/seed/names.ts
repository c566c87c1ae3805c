/** Realistic French company names for demo and benchmark data, from a seeded random source. */

export type Random = () => number;

/** A small, fast, seedable PRNG (mulberry32), so a seed always produces the same data. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

const ACTIVITIES = [
  'Boulangerie', 'Cabinet', 'Transports', 'Garage', 'Pharmacie', 'Atelier', 'Imprimerie', 'Menuiserie',
  'Agence', 'Laboratoire', 'Hôtel', 'Brasserie', 'Clinique vétérinaire', 'Étude notariale', "Bureau d'études",
  'Librairie', 'Fromagerie', 'Domaine', 'Cave', 'Maison', 'Charpentes', 'Optique', 'Architectes', 'Plomberie',
];
const SURNAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier',
  'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu',
  'Clément', 'Gauthier', 'Dumont', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Lemaire', 'Caron', 'Noël',
];
const REGIONS = [
  'du Rhône', 'de Provence', 'de Bretagne', "d'Alsace", 'du Lyonnais', 'de Normandie', 'des Alpes', "de l'Océan",
  'du Val de Loire', "d'Occitanie", 'de Champagne', 'de Bourgogne', 'de Savoie', 'de Picardie', 'de Vendée',
  "d'Aquitaine", "d'Auvergne", 'de Gascogne', 'de Lorraine', 'de Touraine',
];
const FORMS = ['SARL', 'SAS', 'SA', 'EURL', '& Fils', 'et Associés', 'Frères'];

export function companyName(random: Random): string {
  const r = random();
  if (r < 0.4) return `${pick(random, ACTIVITIES)} ${pick(random, SURNAMES)}`;
  if (r < 0.65) return `${pick(random, ACTIVITIES)} ${pick(random, REGIONS)}`;
  if (r < 0.9) return `${pick(random, SURNAMES)} ${pick(random, FORMS)}`;
  return `${pick(random, ACTIVITIES)} ${pick(random, SURNAMES)}-${pick(random, SURNAMES)}`;
}

const PARTNER_NAMES = ['Alliance Informatique', 'Numéria Distribution', 'Hexagone Logiciels', 'Azur Solutions', 'Cèdre Technologies'];
const RESELLER_PLACES = ['Lyon', 'Nantes', 'Lille', 'Bordeaux', 'Toulouse', 'Rennes', 'Grenoble', 'Strasbourg', 'Marseille', 'Dijon', 'Tours', 'Rouen'];
const RESELLER_KINDS = ['Bureautique', 'InfoServices', 'Micro', 'Systèmes', 'Digital', 'Réseaux'];

export const partnerName = (index: number) =>
  index < PARTNER_NAMES.length ? PARTNER_NAMES[index] : `${PARTNER_NAMES[index % PARTNER_NAMES.length]} ${Math.floor(index / PARTNER_NAMES.length) + 1}`;

/** Distinct for the first 72 indexes (kinds × places); then a number tells them apart. */
export const resellerName = (index: number) =>
  `${RESELLER_KINDS[(index + Math.floor(index / RESELLER_PLACES.length)) % RESELLER_KINDS.length]} ${RESELLER_PLACES[index % RESELLER_PLACES.length]}` +
  (index >= RESELLER_KINDS.length * RESELLER_PLACES.length ? ` ${index + 1}` : '');

/** 'Numéria Distribution' → 'contact@numeria-distribution.fr' */
export function emailFor(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `contact@${slug}.fr`;
}
