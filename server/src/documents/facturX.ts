import {
  COUNTRY_ID_CODES,
  CURRENCY_CODES,
  DOCUMENT_TYPE_CODES,
  FacturX,
  ISO6523_CODES,
  PROFILES,
  SUBJECT_CODES,
  TAX_CATEGORY_CODES,
  TAX_TYPE_CODE,
  TIME_REFERENCE_CODES,
  UNIT_CODES,
  type ComfortProfile,
} from 'factur-x-kit';
import type { PDFDocument } from 'pdf-lib';
import type { InvoiceDocument, Party } from '../domain/invoiceDocument.ts';
import { withInvoiceMetadata } from './pdfMetadata.ts';

/**
 * The Factur-X form of an invoice: its EN 16931 (CII, profile "EN 16931", guideline
 * urn:cen.eu:en16931:2017) data, checked against the standard's business rules by factur-x-kit,
 * which embeds it as factur-x.xml (AFRelationship Alternative) in the printed PDF and turns that
 * PDF into PDF/A-3 (sRGB output intent); pdfMetadata.ts then writes its Info and XMP metadata.
 */

type Date3 = { year: number; month: number; day: number };
const dateOf = (iso: string): Date3 => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};

// EN 16931 amounts are decimal euros; cents / 100 is exact to the cent once printed with 2 decimals.
const euros = (cents: number) => cents / 100;

/** A free-text address: its last line read as "postcode city" when it is one (French addresses). */
function postalAddress(address: string | null) {
  const lines = (address ?? '').split(/\n|,/).map((line) => line.trim()).filter(Boolean);
  const last = /^(\d{5})\s+(.+)$/.exec(lines.at(-1) ?? '');
  const street = last ? lines.slice(0, -1) : lines;
  return {
    ...(street[0] ? { addressLineOne: street[0] } : {}),
    ...(street[1] ? { addressLineTwo: street.slice(1).join(', ') } : {}),
    ...(last ? { postcode: last[1], city: last[2] } : {}),
    country: COUNTRY_ID_CODES.FRANCE,
  };
}

function tradeParty(party: Party) {
  return {
    name: party.display_name,
    ...(party.siren ? { specifiedLegalOrganization: { id: { id: party.siren, scheme: ISO6523_CODES.System_Information_et_Repertoire_des_Entreprise_et_des_Etablissements_SIRENE } } } : {}),
    postalAddress: postalAddress(party.address),
    ...(party.vat_number ? { taxIdentification: { vatId: party.vat_number } } : {}),
  };
}

export function facturXData(doc: InvoiceDocument): ComfortProfile {
  const tax = { typeCode: TAX_TYPE_CODE.VALUE_ADDED_TAX_VAT, categoryCode: TAX_CATEGORY_CODES.STANDARD_RATE, rateApplicablePercent: doc.vat_rate_percent };
  return {
    profile: PROFILES.COMFORT,
    document: {
      id: doc.number,
      type: doc.kind === 'credit_note' ? DOCUMENT_TYPE_CODES.CREDIT_NOTE : DOCUMENT_TYPE_CODES.COMMERCIAL_INVOICE,
      dateOfIssue: dateOf(doc.issued_on),
      currency: CURRENCY_CODES.Euro,
      notes: doc.legal_mentions.map((content) => ({ content, subject: SUBJECT_CODES.REGULATORY_INFORMATION })),
    },
    seller: tradeParty(doc.issuer),
    buyer: tradeParty(doc.buyer),
    referencedDocuments: doc.credited_invoice ? { referencedInvoice: [{ documentId: doc.credited_invoice.number, issueDate: dateOf(doc.credited_invoice.issued_on) }] } : {},
    delivery: {},
    paymentInformation: { paymentTerms: { dueDate: dateOf(doc.due_on) } },
    totals: {
      sumWithoutAllowancesAndCharges: euros(doc.total_excl_vat_cents),
      netTotal: euros(doc.total_excl_vat_cents),
      // "TVA sur les débits": VAT falls due on the invoice's date (BT-8, code 5).
      taxBreakdown: [{ ...tax, calculatedAmount: euros(doc.vat_cents), basisAmount: euros(doc.total_excl_vat_cents), dueDateTypeCode: TIME_REFERENCE_CODES.DATE_OF_INVOICE }],
      taxTotal: [{ amount: euros(doc.vat_cents), currency: CURRENCY_CODES.Euro }],
      grossTotal: euros(doc.total_incl_vat_cents),
      openAmount: euros(doc.total_incl_vat_cents),
    },
    invoiceLines: doc.lines.map((line, index) => ({
      generalLineData: { lineId: String(index + 1) },
      productDescription: { name: line.product_name },
      productPriceAgreement: { productNetPricing: { netPricePerItem: euros(line.unit_price_cents) } },
      delivery: { itemQuantity: { quantity: line.quantity, unit: UNIT_CODES.ONE } },
      settlement: { tax, lineTotals: { netTotal: euros(line.total_cents) } },
    })),
  };
}

/** The printed PDF with its factur-x.xml, as PDF/A-3; throws when the data breaks an EN 16931 rule. */
export async function withFacturX(doc: InvoiceDocument, printed: PDFDocument): Promise<Uint8Array> {
  const facturX = await FacturX.fromObject(facturXData(doc));
  const check = facturX.validate();
  if (!check.valid) throw new Error(`Invoice ${doc.number} breaks EN 16931: ${JSON.stringify(check.errors)}`);
  return withInvoiceMetadata(await facturX.getPDF({ pdfLibDocument: printed }), doc);
}
