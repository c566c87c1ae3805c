import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, PDFString } from 'pdf-lib';
import { FacturX } from 'factur-x-kit';
import request from 'supertest';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeEach, describe, expect, it } from 'vitest';
import { billingScenario, type billingParties } from '../helpers/billingParties.ts';
import type { buildHierarchy } from '../helpers/fixtures.ts';
import { TODAY, type TestApp } from './scenario.ts';

/** DESIGN §6: GET /api/invoices/:id/pdf, a Factur-X (EN 16931) PDF with factur-x.xml embedded. */

let t: TestApp;
let h: Awaited<ReturnType<typeof buildHierarchy>>;
let as: Awaited<ReturnType<typeof billingParties>>;

beforeEach(async () => {
  ({ t, h, as } = await billingScenario(TODAY));
  await t.db.updateTable('partners').set({ legal_name: 'Alpha Distribution SAS', address: '1 rue de Lyon\n69001 Lyon', siren: '732829320', vat_number: 'FR44732829320' }).where('id', '=', h.partners.alpha).execute();
  await t.db.updateTable('resellers').set({ legal_name: 'Nord Licences SARL', address: '5 place du Nord\n59000 Lille' }).where('id', '=', h.resellers.alphaNord).execute();
});

/** Nord orders 50 TBox at 40,05 €, Alpha fulfils: the invoice (2 002,50 € excl. VAT, 400,50 € VAT). */
async function fulfilledInvoice() {
  const order = (await as('nord').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 50 }] })).body;
  const fulfilled = await as('alpha').post(`/api/orders/${order.id}/fulfil`);
  expect(fulfilled.status, JSON.stringify(fulfilled.body)).toBe(200);
  return (await as('alpha').get(`/api/invoices/${fulfilled.body.invoice_id}`)).body as { id: number; number: string };
}

async function download(who: 'alpha' | 'nord', id: number) {
  const res = await as(who).get(`/api/invoices/${id}/pdf`).buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (chunk: Buffer) => chunks.push(chunk));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/pdf/);
  return new Uint8Array(res.body as Buffer);
}

/**
 * The embedded files named in the catalog's associated files (/AF, as PDF/A-3 wants them), with
 * their AFRelationship.
 */
async function associatedFiles(pdfBytes: Uint8Array) {
  const pdf = await PDFDocument.load(pdfBytes);
  const files: Record<string, { relationship: string; content: string }> = {};
  const af = pdf.catalog.lookupMaybe(PDFName.of('AF'), PDFArray);
  for (let i = 0; i < (af?.size() ?? 0); i++) {
    const spec = af!.lookup(i, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'), PDFStream) as PDFRawStream;
    files[spec.lookup(PDFName.of('F'), PDFString).decodeText()] = {
      relationship: spec.lookup(PDFName.of('AFRelationship'), PDFName).decodeText(),
      content: Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8'),
    };
  }
  return files;
}

/** The pages' text (no-break spaces as spaces), the embedded files and the raw bytes as text. */
async function read(pdfBytes: Uint8Array) {
  const { text } = await extractText(await getDocumentProxy(pdfBytes.slice()), { mergePages: true });
  return {
    raw: Buffer.from(pdfBytes).toString('latin1'),
    text: text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' '),
    files: await associatedFiles(pdfBytes),
  };
}

const amount = (xml: string, element: string) => new RegExp(`<ram:${element}(?: [^>]*)?>([^<]*)</ram:${element}>`).exec(xml)?.[1];

describe('invoice PDF', () => {
  it("answers 409 when the issuer's identity had no VAT number at issue, which EN 16931 requires", async () => {
    await t.db.updateTable('partners').set({ vat_number: null }).where('id', '=', h.partners.alpha).execute();
    const invoice = await fulfilledInvoice();
    const res = await as('nord').get(`/api/invoices/${invoice.id}/pdf`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'issuer_identity_incomplete', details: { missing: 'vat_number' } });
  });

  it('prints the number, both parties, the lines, the totals in French and the legal mentions', async () => {
    const invoice = await fulfilledInvoice();
    const { text } = await read(await download('nord', invoice.id));
    expect(text).toContain('FACTURE');
    expect(text).toContain(`N° ${invoice.number}`);
    expect(text).toContain('Alpha Distribution SAS');
    expect(text).toContain('SIREN : 732829320');
    expect(text).toContain('Nord Licences SARL');
    expect(text).toContain('TBox 50 40,05 € 2 002,50 €');
    expect(text).toContain('Total HT 2 002,50 €');
    expect(text).toContain('TVA 20 % 400,50 €');
    expect(text).toContain('Total TTC à payer 2 403,00 €');
    expect(text).toContain("Date d'échéance : 26/12/2026");
    expect(text).toContain("Pénalités de retard : trois fois le taux d'intérêt légal");
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement : 40 €');
    expect(text).toContain(`Facture n° ${invoice.number} · page 1/1`);
  });

  it("keeps both parties' identities as they were at issue when they change afterwards", async () => {
    const invoice = await fulfilledInvoice();
    await t.db.updateTable('resellers').set({ legal_name: 'Nord Renamed SAS', address: '9 quai Neuf\n59800 Lille' }).where('id', '=', h.resellers.alphaNord).execute();
    await t.db.updateTable('partners').set({ legal_name: 'Alpha Renamed SA' }).where('id', '=', h.partners.alpha).execute();
    const listed = (await as('nord').get(`/api/invoices/${invoice.id}`)).body;
    expect(listed).toMatchObject({
      buyer_legal_name: 'Nord Licences SARL',
      buyer_address: '5 place du Nord\n59000 Lille',
      issuer_legal_name: 'Alpha Distribution SAS',
      issuer_siren: '732829320',
      issuer_vat_number: 'FR44732829320',
    });
    const { text, files } = await read(await download('nord', invoice.id));
    expect(text).toContain('Nord Licences SARL');
    expect(text).toContain('5 place du Nord');
    expect(text).toContain('Alpha Distribution SAS');
    expect(text).not.toContain('Renamed');
    expect(files['factur-x.xml'].content).toContain('Nord Licences SARL');
    expect(files['factur-x.xml'].content).not.toContain('Renamed');
  });

  it('embeds factur-x.xml (EN 16931, type 380) with the same totals, in a PDF/A-3 declaring Factur-X', async () => {
    const invoice = await fulfilledInvoice();
    const pdf = await download('alpha', invoice.id);
    const { raw, files } = await read(pdf);
    // factur-x-kit reads it back and finds it valid against the EN 16931 business rules.
    expect((await FacturX.fromPDF(pdf)).validate()).toEqual({ valid: true });
    expect(Object.keys(files)).toEqual(['factur-x.xml']);
    expect(files['factur-x.xml'].relationship).toBe('Alternative');
    const xml = files['factur-x.xml'].content;
    expect(xml).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
    expect(amount(xml, 'TypeCode')).toBe('380');
    expect(xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
    expect(Number(amount(xml, 'TaxBasisTotalAmount'))).toBe(2002.5);
    expect(Number(amount(xml, 'TaxTotalAmount'))).toBe(400.5);
    expect(Number(amount(xml, 'GrandTotalAmount'))).toBe(2403);
    expect(Number(amount(xml, 'DuePayableAmount'))).toBe(2403);
    // VAT on debits, as the printed mention says: due on the invoice's date.
    expect(amount(xml, 'DueDateTypeCode')).toBe('5');
    expect(raw).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(raw).toMatch(/<fx:ConformanceLevel>EN 16931<\/fx:ConformanceLevel>/);
    expect(raw).toMatch(/<fx:DocumentFileName>factur-x.xml<\/fx:DocumentFileName>/);
  });

  it('carries PDF/A-3 metadata: Info and XMP agree on title, author, creator, producer and date; French; factur-x.xml Alternative', async () => {
    const invoice = await fulfilledInvoice();
    const bytes = await download('nord', invoice.id);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe(`Facture ${invoice.number}`);
    expect(pdf.getAuthor()).toBe('Alpha Distribution SAS');
    expect(pdf.getCreator()).toBe('Cascade');
    expect(pdf.getProducer()).toBe('Cascade (pdf-lib, factur-x-kit)');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(pdf.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('fr-FR');

    const metadata = pdf.catalog.lookup(PDFName.of('Metadata'), PDFStream) as PDFRawStream;
    const xmp = Buffer.from(metadata.getContents()).toString('utf8');
    const one = (pattern: RegExp) => pattern.exec(xmp)?.[1];
    expect(one(/<dc:title><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</)).toBe(pdf.getTitle());
    expect(one(/<dc:creator><rdf:Seq><rdf:li>([^<]*)</)).toBe(pdf.getAuthor());
    expect(one(/<xmp:CreatorTool>([^<]*)</)).toBe(pdf.getCreator());
    expect(one(/<pdf:Producer>([^<]*)</)).toBe(pdf.getProducer());
    expect(one(/<xmp:CreateDate>([^<]*)</)).toBe('2026-11-26T00:00:00Z');
    expect(one(/<pdfaid:part>([^<]*)</)).toBe('3');
    expect(one(/<pdfaid:conformance>([^<]*)</)).toBe('B');
    expect(one(/<fx:ConformanceLevel>([^<]*)</)).toBe('EN 16931');
    expect(one(/<pdfaSchema:prefix>([^<]*)</)).toBe('fx');
    // Well-formed: every element opened is closed, in order (the library's own XMP was not).
    const stack: string[] = [];
    for (const [, closing, name, selfClosing] of xmp.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
    // Only one metadata stream is left in the file.
    expect(Buffer.from(bytes).toString('latin1').match(/\/Type \/Metadata/g)).toHaveLength(1);

    expect((await associatedFiles(bytes))['factur-x.xml'].relationship).toBe('Alternative');
  });

  it('titles a credit note as such', async () => {
    const invoice = await fulfilledInvoice();
    const credit = (await as('alpha').post(`/api/invoices/${invoice.id}/credit`)).body;
    const pdf = await PDFDocument.load(await download('nord', credit.id), { updateMetadata: false });
    expect(pdf.getTitle()).toBe(`Avoir ${credit.number}`);
  });

  it("prints the publisher's identity on its invoices to partners issued once it has a VAT number", async () => {
    const grant = async () => {
      const order = (await as('alpha').post('/api/orders', { lines: [{ product_id: h.products.tbox, quantity: 3 }] })).body;
      const granted = await request(t.app).post(`/api/orders/${order.id}/fulfil`);
      expect(granted.status, JSON.stringify(granted.body)).toBe(200);
      return granted.body.invoice_id as number;
    };
    const before = await grant();
    expect((await as('alpha').get(`/api/invoices/${before}/pdf`)).body).toMatchObject({ code: 'issuer_identity_incomplete' });
    const siren = '552100554';
    const publisher = { legal_name: 'Cascade Éditions SA', address: '10 avenue de France\n75013 Paris', siren, vat_number: `FR${String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0')}${siren}` };
    await request(t.app).put('/api/publisher').send(publisher).expect(200);
    // An invoice keeps the identities it was issued with: the one issued before stays incomplete.
    expect((await as('alpha').get(`/api/invoices/${before}/pdf`)).body).toMatchObject({ code: 'issuer_identity_incomplete' });
    const { text, files } = await read(await download('alpha', await grant()));
    expect(text).toContain('Cascade Éditions SA');
    expect(text).toContain(`N° TVA intracommunautaire : ${publisher.vat_number}`);
    expect(text).toContain('Alpha Distribution SAS');
    expect(files['factur-x.xml'].content).toContain(`<ram:ID schemeID="VA">${publisher.vat_number}</ram:ID>`);
  });

  it('prints a credit note as such, type 381, referencing the credited invoice', async () => {
    const invoice = await fulfilledInvoice();
    const credit = await as('alpha').post(`/api/invoices/${invoice.id}/credit`);
    expect(credit.status, JSON.stringify(credit.body)).toBe(201);
    const { text, files } = await read(await download('nord', credit.body.id));
    expect(text).toContain('AVOIR');
    expect(text).toContain(`N° ${credit.body.number}`);
    expect(text).toContain(`Avoir sur la facture n° ${invoice.number} du 26/11/2026`);
    expect(text).toContain('Total TTC à déduire 2 403,00 €');
    const xml = files['factur-x.xml'].content;
    expect(amount(xml, 'TypeCode')).toBe('381');
    expect(xml).toMatch(new RegExp(`<ram:InvoiceReferencedDocument>\\s*<ram:IssuerAssignedID>${invoice.number}</ram:IssuerAssignedID>`));
    expect(Number(amount(xml, 'GrandTotalAmount'))).toBe(2403);
  });

  it("answers 404 to another partner and to the buyer's sibling reseller, as GET /api/invoices/:id does", async () => {
    const invoice = await fulfilledInvoice();
    expect((await as('beta').get(`/api/invoices/${invoice.id}/pdf`)).status).toBe(404);
    expect((await as('sud').get(`/api/invoices/${invoice.id}/pdf`)).status).toBe(404);
    expect((await as('sud').get('/api/invoices/999999/pdf')).status).toBe(404);
    expect((await as('nord').get('/api/invoices/abc/pdf')).status).toBe(400);
    // The admin reads every invoice.
    expect((await request(t.app).get(`/api/invoices/${invoice.id}/pdf`)).status).toBe(200);
  });
});
