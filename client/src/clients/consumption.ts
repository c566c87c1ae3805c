import { SEATS, YEARS } from '../../../shared/contract';
import { parseWhole } from '../subscriptions/renewPreview';

export interface SubscriptionLine {
    product_id?: unknown;
    years?: unknown;
    seats?: unknown;
}

/** Licenses one line consumes (seats × years), 0 while it is incomplete or invalid. */
export const lineConsumption = (line: SubscriptionLine | null | undefined): number => {
    const years = parseWhole(line?.years);
    const seats = parseWhole(line?.seats);
    if (years === null || seats === null || years < YEARS.min || years > YEARS.max || seats < SEATS.min) return 0;
    return years * seats;
};

/** Σ seats × years over the new client's subscriptions. */
export const totalConsumption = (lines: ReadonlyArray<SubscriptionLine | null | undefined> | null | undefined) =>
    (lines ?? []).reduce((sum, line) => sum + lineConsumption(line), 0);

/** The pool a client's licences come from: its manager's (the reseller if set, else the partner; DESIGN §2). */
export const managerPoolFilter = (client: { partner_id?: unknown; reseller_id?: unknown } & object, productId: unknown) =>
    client.reseller_id != null
        ? { holder_type: 'reseller', holder_id: client.reseller_id, product_id: productId }
        : { holder_type: 'partner', holder_id: client.partner_id, product_id: productId };
