import { format } from 'date-fns';
import { STATUS_LABELS, type Locale } from '../../../shared/contract.ts';
import type { MovementKind, NotificationKind } from '../db/schema.ts';

/** French plurals: 0 and 1 take the singular ("0 licence", "1 licence", "2 licences"). */
const frCount = (n: number, one: string, other: string) => `${n} ${Math.abs(n) < 2 ? one : other}`;
const enCount = (n: number, one: string, other: string) => `${n} ${Math.abs(n) === 1 ? one : other}`;

/**
 * Every text the server writes for people (exports, ledger reasons, notifications, e-mails, system
 * actor names), French first, English second, chosen by the reader's or the recipient's locale.
 * en is typed against fr: a text missing in English is a type error.
 */
/** The actors the server itself records (the seed, the daily jobs, the first boot), by their stored name. */
export const SYSTEM_ACTORS = ['seed', 'auto-renewal', 'demo', 'boot'] as const;
type SystemActor = (typeof SYSTEM_ACTORS)[number];

const fr = {
  /** How a calendar date is written (date-fns pattern), as the console shows it. */
  datePattern: 'dd/MM/yyyy',
  /** How a decimal amount is written in an export (1234,50). */
  decimalSeparator: ',',
  /** Who sells when no partner does. */
  publisher: 'Éditeur',
  orderStatus: { submitted: 'En attente', fulfilled: 'Livrée', refused: 'Refusée', cancelled: 'Annulée' },
  invoiceKind: { invoice: 'Facture', credit_note: 'Avoir' },
  yes: 'Oui',
  no: 'Non',
  /** Ledger reasons the server writes, in the acting login's language. */
  reason: {
    seatsAdded: (from: number, to: number) => `Ajout de ${frCount(to - from, 'licence', 'licences')} (${from} → ${to} utilisateurs)`,
    renewalUndone: (start: string, end: string) => `Annulation du renouvellement du ${start} au ${end}`,
    creationUndone: (client: string) => `Annulation de la création du client ${client}`,
    orderFulfilled: (order: number) => `Commande n° ${order}`,
    invoiceCredited: (invoice: string) => `Avoir sur la facture ${invoice}`,
  },
  notification: {
    reminder: (client: string, end: string, days: number) => `${client} : l'abonnement se termine le ${end} (dans ${frCount(days, 'jour', 'jours')}).`,
    autoRenewFailed: (needed: number, balance: number) =>
      `Renouvellement automatique impossible : licences insuffisantes (${frCount(needed, 'nécessaire', 'nécessaires')}, ${frCount(balance, 'restante', 'restantes')}).`,
    autoRenewExhausted: (days: number, needed: number, balance: number) =>
      `Renouvellement automatique abandonné après ${frCount(days, 'jour', 'jours')} : licences insuffisantes (${frCount(needed, 'nécessaire', 'nécessaires')}, ${frCount(balance, 'restante', 'restantes')}).`,
    poolShort: (product: string, holder: string, needed: number, balance: number, from: string) =>
      `Stock ${product} insuffisant chez ${holder} pour les renouvellements automatiques des 14 prochains jours : ${frCount(needed, 'licence nécessaire', 'licences nécessaires')}, ${frCount(balance, 'restante', 'restantes')} (manque ${needed - balance} dès le ${from}). Commandez la différence.`,
  },
  mail: {
    subject: {
      reminder: 'Cascade : abonnement à renouveler',
      auto_renew_failed: 'Cascade : renouvellement automatique en échec',
      pool_short: 'Cascade : stock insuffisant pour les renouvellements automatiques',
    } satisfies Record<NotificationKind, string>,
    footer: 'Ouvrez la console Cascade pour renouveler ou commander.',
  },
  systemActor: {
    seed: 'Données initiales',
    'auto-renewal': 'Renouvellement automatique',
    demo: 'Démonstration',
    boot: 'Installation',
  } satisfies Record<SystemActor, string>,
  status: STATUS_LABELS.fr,
  movementKind: {
    grant: 'Dotation',
    allocate: 'Attribution',
    reclaim: 'Reprise',
    consume: 'Consommation',
    adjust: 'Correction',
  } satisfies Record<MovementKind, string>,
  /** Column headers of the CSV exports, by export and column. */
  exportHeaders: {
    clients: {
      name: 'Nom client',
      reference: 'Référence client',
      partner: 'Partenaire',
      reseller: 'Revendeur',
      status: 'Statut',
      end_date: 'Date de fin',
      to_renew: 'À renouveler',
      created_at: 'Créé le',
    },
    subscriptions: {
      client: 'Nom client',
      product: 'Produit',
      partner: 'Partenaire',
      reseller: 'Revendeur',
      status: 'Statut',
      start_date: 'Date de début',
      end_date: 'Date de fin',
      years: 'Durée (années)',
      seats: 'Licences utilisateurs',
      active_users: 'Utilisateurs actifs',
      auto_renew: 'Renouvellement automatique',
      cancelled: 'Résilié',
    },
    movements: {
      created_at: 'Date',
      kind: 'Type',
      product: 'Produit',
      quantity: 'Quantité',
      from: 'Depuis',
      to: 'Vers',
      client: 'Client',
      actor: 'Auteur',
      reason: 'Motif',
    },
    orders: {
      id: 'N° de commande',
      created_at: 'Date',
      status: 'Statut',
      buyer: 'Acheteur',
      supplier: 'Fournisseur',
      total_excl_vat: 'Total HT (€)',
      vat: 'TVA (€)',
      total_incl_vat: 'Total TTC (€)',
      reason: 'Motif',
    },
    invoices: {
      number: 'Numéro',
      kind: 'Type',
      issuer: 'Émetteur',
      buyer: 'Acheteur',
      issued_on: "Date d'émission",
      due_on: "Date d'échéance",
      total_excl_vat: 'Total HT (€)',
      vat: 'TVA (€)',
      total_incl_vat: 'Total TTC (€)',
    },
  },
};

export type Texts = typeof fr;

const en: Texts = {
  datePattern: 'yyyy-MM-dd',
  decimalSeparator: '.',
  publisher: 'Publisher',
  orderStatus: { submitted: 'Waiting', fulfilled: 'Delivered', refused: 'Refused', cancelled: 'Cancelled' },
  invoiceKind: { invoice: 'Invoice', credit_note: 'Credit note' },
  yes: 'Yes',
  no: 'No',
  reason: {
    seatsAdded: (from, to) => `${enCount(to - from, 'licence', 'licences')} added (${from} → ${to} users)`,
    renewalUndone: (start, end) => `Renewal from ${start} to ${end} undone`,
    creationUndone: (client) => `Creation of client ${client} undone`,
    orderFulfilled: (order) => `Order #${order}`,
    invoiceCredited: (invoice) => `Credit note on invoice ${invoice}`,
  },
  notification: {
    reminder: (client, end, days) => `${client}: the subscription ends on ${end} (in ${enCount(days, 'day', 'days')}).`,
    autoRenewFailed: (needed, balance) => `Auto-renewal impossible: not enough licences (${needed} needed, ${balance} left).`,
    autoRenewExhausted: (days, needed, balance) => `Auto-renewal given up after ${enCount(days, 'day', 'days')}: not enough licences (${needed} needed, ${balance} left).`,
    poolShort: (product, holder, needed, balance, from) =>
      `${holder}'s ${product} stock cannot cover the auto-renewals of the next 14 days: ${enCount(needed, 'licence', 'licences')} needed, ${balance} left (${needed - balance} short from ${from}). Order the difference.`,
  },
  mail: {
    subject: { reminder: 'Cascade: subscription to renew', auto_renew_failed: 'Cascade: auto-renewal failed', pool_short: 'Cascade: stock short for auto-renewals' },
    footer: 'Open the Cascade console to renew or order.',
  },
  systemActor: {
    seed: 'Initial data',
    'auto-renewal': 'Auto-renewal',
    demo: 'Demo',
    boot: 'Installation',
  },
  status: STATUS_LABELS.en,
  movementKind: {
    grant: 'Grant',
    allocate: 'Allocation',
    reclaim: 'Reclaim',
    consume: 'Consumption',
    adjust: 'Adjustment',
  },
  exportHeaders: {
    clients: {
      name: 'Client name',
      reference: 'Client reference',
      partner: 'Partner',
      reseller: 'Reseller',
      status: 'Status',
      end_date: 'End date',
      to_renew: 'To renew',
      created_at: 'Created on',
    },
    subscriptions: {
      client: 'Client name',
      product: 'Product',
      partner: 'Partner',
      reseller: 'Reseller',
      status: 'Status',
      start_date: 'Start date',
      end_date: 'End date',
      years: 'Duration (years)',
      seats: 'User licences',
      active_users: 'Active users',
      auto_renew: 'Auto-renewal',
      cancelled: 'Cancelled',
    },
    movements: {
      created_at: 'Date',
      kind: 'Type',
      product: 'Product',
      quantity: 'Quantity',
      from: 'From',
      to: 'To',
      client: 'Client',
      actor: 'Author',
      reason: 'Reason',
    },
    orders: {
      id: 'Order number',
      created_at: 'Date',
      status: 'Status',
      buyer: 'Buyer',
      supplier: 'Supplier',
      total_excl_vat: 'Total excl. VAT (€)',
      vat: 'VAT (€)',
      total_incl_vat: 'Total incl. VAT (€)',
      reason: 'Reason',
    },
    invoices: {
      number: 'Number',
      kind: 'Kind',
      issuer: 'Issuer',
      buyer: 'Buyer',
      issued_on: 'Issued on',
      due_on: 'Due on',
      total_excl_vat: 'Total excl. VAT (€)',
      vat: 'VAT (€)',
      total_incl_vat: 'Total incl. VAT (€)',
    },
  },
};

const TEXTS: Record<Locale, Texts> = { fr, en };

/** The texts in a reader's language. */
export const textsFor = (locale: Locale): Texts => TEXTS[locale];

/** A calendar date YYYY-MM-DD as the reader reads it. */
export const dayText = (texts: Texts, iso: string) => format(new Date(`${iso}T00:00:00`), texts.datePattern);

/** Who did something, for a reader: a system actor in the reader's language, a login by its name, else as recorded. */
export function actorName(texts: Texts, actor: string, loginNames: ReadonlyMap<string, string>): string {
  return (SYSTEM_ACTORS as readonly string[]).includes(actor) ? texts.systemActor[actor as SystemActor] : (loginNames.get(actor) ?? actor);
}
