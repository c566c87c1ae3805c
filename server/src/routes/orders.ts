import { z } from 'zod';
import { ORDER } from '../../../shared/contract.ts';
import { transact, type Db } from '../data/transact.ts';
import { invoicePdf } from '../documents/invoicePdf.ts';
import { invoiceDocument } from '../domain/invoiceDocument.ts';
import { creditInvoice } from '../domain/invoices.ts';
import type { BillingSettings } from '../../../shared/money.ts';
import { cancelOrder, fulfilOrder, refuseOrder, submitOrder } from '../domain/orders.ts';
import { answerIdempotent } from '../http/idempotent.ts';
import { getRecord, parseId, readRoutes } from '../http/resource.ts';
import { actionContext, fields, parseBody, text } from '../http/validate.ts';
import { invoicesSpec, ordersSpec } from '../resources/orders.ts';

const OrderInput = z.object({
  lines: z
    .array(
      z.object({
        product_id: fields.id,
        quantity: z.number({ error: 'Expected a number' }).int('Expected a whole number').min(1, 'At least 1').max(ORDER.maxQuantity, `At most ${ORDER.maxQuantity}`),
      }),
      { error: 'Expected a list of lines' },
    )
    .min(1, 'At least one line')
    .max(ORDER.maxLines, `At most ${ORDER.maxLines} lines`),
});
const RefusalInput = z.object({ reason: text(500, { multiline: true }).min(1, 'Required') });

/** The schemas that validate this router's requests, for the OpenAPI document. */
export const orderSchemas = { OrderInput, RefusalInput };

/** Orders: placed by partners and resellers, decided by their supplier (DESIGN §6). */
export function orderRoutes(db: Db, billing: BillingSettings) {
  const router = readRoutes(db, ordersSpec);
  router.post('/', async (req, res) => {
    const { lines } = parseBody(OrderInput, req.body);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const id = await submitOrder(tx, ctx, billing, lines);
      return { status: 201, body: await getRecord(tx, ordersSpec, id, ctx.scope) };
    });
  });
  router.post('/:id/fulfil', async (req, res) => {
    const id = parseId(req.params.id);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      await fulfilOrder(tx, ctx, billing, id);
      return { status: 200, body: await getRecord(tx, ordersSpec, id, ctx.scope) };
    });
  });
  router.post('/:id/refuse', async (req, res) => {
    const id = parseId(req.params.id);
    const { reason } = parseBody(RefusalInput, req.body);
    const ctx = actionContext(res);
    res.json(await transact(db, async (tx) => {
      await refuseOrder(tx, ctx, id, reason);
      return getRecord(tx, ordersSpec, id, ctx.scope);
    }));
  });
  router.post('/:id/cancel', async (req, res) => {
    const id = parseId(req.params.id);
    const ctx = actionContext(res);
    res.json(await transact(db, async (tx) => {
      await cancelOrder(tx, ctx, id);
      return getRecord(tx, ordersSpec, id, ctx.scope);
    }));
  });
  return router;
}

/** Invoices and credit notes: read by both parties, also as Factur-X PDF; the issuer credits an invoice once. */
export function invoiceRoutes(db: Db, billing: BillingSettings) {
  const router = readRoutes(db, invoicesSpec);
  router.get('/:id/pdf', async (req, res) => {
    const id = parseId(req.params.id);
    const doc = await invoiceDocument(db, actionContext(res).scope, id);
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="${doc.kind === 'credit_note' ? 'avoir' : 'facture'}-${doc.number}.pdf"`);
    res.send(Buffer.from(await invoicePdf(doc)));
  });
  router.post('/:id/credit', async (req, res) => {
    const id = parseId(req.params.id);
    await answerIdempotent(db, req, res, async (tx) => {
      const ctx = actionContext(res);
      const creditId = await creditInvoice(tx, ctx, billing, id);
      return { status: 201, body: await getRecord(tx, invoicesSpec, creditId, ctx.scope) };
    });
  });
  return router;
}
