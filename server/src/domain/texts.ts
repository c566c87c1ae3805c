import type { Locale, Status } from '../../../shared/contract.ts';
import type { MovementKind } from '../db/schema.ts';

/**
 * Every text the server writes for people (exports, ledger reasons, notifications, e-mails, system
 * actor names), French first, English second, chosen by the reader's or the recipient's locale.
 * en is typed against fr: a text missing in English is a type error.
 */
/** The actors the server itself records (the seed, the daily jobs, the first boot), by their stored name. */
export const SYSTEM_ACTORS = ['seed', 'auto-renewal', 'demo', 'boot'] as const;
type SystemActor = (typeof SYSTEM_ACTORS)[number];

const fr = {
  yes: 'Oui',
  no: 'Non',
  systemActor: {
    seed: 'Données initiales',
    'auto-renewal': 'Renouvellement automatique',
    demo: 'Démonstration',
    boot: 'Installation',
  } satisfies Record<SystemActor, string>,
  status: {
    expired: 'Expiré',
    expiring: 'Expire bientôt',
    active: 'Actif',
    renewed: 'Renouvelé',
    not_started: 'Pas encore commencé',
    cancelled: 'Résilié',
  } satisfies Record<Status, string>,
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
  },
};

export type Texts = typeof fr;

const en: Texts = {
  yes: 'Yes',
  no: 'No',
  systemActor: {
    seed: 'Initial data',
    'auto-renewal': 'Auto-renewal',
    demo: 'Demo',
    boot: 'Installation',
  },
  status: {
    expired: 'Expired',
    expiring: 'Expiring soon',
    active: 'Active',
    renewed: 'Renewed',
    not_started: 'Not started yet',
    cancelled: 'Cancelled',
  },
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
  },
};

const TEXTS: Record<Locale, Texts> = { fr, en };

/** The texts in a reader's language. */
export const textsFor = (locale: Locale): Texts => TEXTS[locale];

/** Who did something, for a reader: a system actor in the reader's language, a login by its name, else as recorded. */
export function actorName(texts: Texts, actor: string, loginNames: ReadonlyMap<string, string>): string {
  return (SYSTEM_ACTORS as readonly string[]).includes(actor) ? texts.systemActor[actor as SystemActor] : (loginNames.get(actor) ?? actor);
}
