import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatCount, formatEuros, formatFrenchDate, formatPercent, type InvoiceDocument, type Party } from '../domain/invoiceDocument.ts';
import { withFacturX } from './facturX.ts';

/**
 * An invoice or credit note printed on A4 pages with pdf-lib, then made Factur-X (facturX.ts).
 * PDF/A forbids the standard 14 fonts, which are not embedded: Open Sans (Apache 2.0) is, subset.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const RIGHT = A4.width - MARGIN;
const INK = rgb(0.13, 0.13, 0.13);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.8, 0.8, 0.8);
const BAND = rgb(0.93, 0.94, 0.96);

const require = createRequire(import.meta.url);
const fontFile = (file: string) => readFile(require.resolve(`open-sans-fonts/open-sans/${file}`));
// Read once, on the first PDF.
let fontFiles: Promise<[Uint8Array, Uint8Array]> | undefined;
const openSans = () => (fontFiles ??= Promise.all([fontFile('Regular/OpenSans-Regular.ttf'), fontFile('Bold/OpenSans-Bold.ttf')]));

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Writes on pages from top to bottom, opening a new page when the next line would not fit. */
class PageWriter {
  page: PDFPage;
  y = A4.height - MARGIN;
  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.page = pdf.addPage([A4.width, A4.height]);
  }

  /** Room for `height` points below the current line, on a new page if needed; true when a page was added. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + 20) return false;
    this.page = this.pdf.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
    return true;
  }

  text(value: string, x: number, y: number, { size = 10, bold = false, color = INK, align = 'left' as 'left' | 'right' } = {}) {
    const font = bold ? this.fonts.bold : this.fonts.regular;
    const left = align === 'right' ? x - font.widthOfTextAtSize(value, size) : x;
    this.page.drawText(value, { x: left, y, size, font, color });
  }

  rule(y: number, from = MARGIN, to = RIGHT) {
    this.page.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness: 0.6, color: RULE });
  }
}

/** Words of `value` in lines no wider than `width` at `size`. */
function wrap(value: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  return line ? [...lines, line] : lines;
}

/** `value` cut with an ellipsis to fit `width` at `size`. */
function fit(value: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(value, size) <= width) return value;
  let cut = value;
  while (cut && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** A party's block: its name, then its address, SIREN and VAT number, each when known. */
function drawParty(w: PageWriter, party: Party, x: number, top: number, label: string | null): number {
  let y = top;
  if (label) {
    w.text(label, x, y, { size: 8, bold: true, color: MUTED });
    y -= 14;
  }
  w.text(party.display_name, x, y, { size: 12, bold: true });
  y -= 15;
  const details = [
    ...(party.address ?? '').split('\n').map((line) => line.trim()).filter(Boolean),
    ...(party.siren ? [`SIREN : ${party.siren}`] : []),
    ...(party.vat_number ? [`N° TVA intracommunautaire : ${party.vat_number}`] : []),
  ];
  for (const detail of details) {
    w.text(detail, x, y, { size: 9, color: MUTED });
    y -= 12;
  }
  return y;
}

const COLUMNS = { product: MARGIN + 8, quantity: 350, unitPrice: 455, total: RIGHT - 8 };

function drawTableHeader(w: PageWriter) {
  w.page.drawRectangle({ x: MARGIN, y: w.y - 6, width: RIGHT - MARGIN, height: 20, color: BAND });
  w.text('Produit (licence-année)', COLUMNS.product, w.y, { size: 9, bold: true });
  w.text('Quantité', COLUMNS.quantity, w.y, { size: 9, bold: true, align: 'right' });
  w.text('Prix unitaire HT', COLUMNS.unitPrice, w.y, { size: 9, bold: true, align: 'right' });
  w.text('Total HT', COLUMNS.total, w.y, { size: 9, bold: true, align: 'right' });
  w.y -= 24;
}

function drawHeader(w: PageWriter, doc: InvoiceDocument) {
  const issuerBottom = drawParty(w, doc.issuer, MARGIN, w.y - 4, null);
  const title = doc.kind === 'credit_note' ? 'AVOIR' : 'FACTURE';
  w.text(title, RIGHT, w.y - 8, { size: 22, bold: true, align: 'right' });
  const facts = [
    `N° ${doc.number}`,
    `Date d'émission : ${formatFrenchDate(doc.issued_on)}`,
    `Date d'échéance : ${formatFrenchDate(doc.due_on)}`,
  ];
  facts.forEach((fact, i) => w.text(fact, RIGHT, w.y - 30 - i * 14, { size: 10, bold: i === 0, align: 'right' }));
  w.y = Math.min(issuerBottom, w.y - 30 - facts.length * 14) - 24;
  const buyerBottom = drawParty(w, doc.buyer, 320, w.y, doc.kind === 'credit_note' ? 'AVOIR ÉTABLI POUR' : 'FACTURÉ À');
  w.y = buyerBottom - 20;
  if (doc.credited_invoice) {
    w.text(`Avoir sur la facture n° ${doc.credited_invoice.number} du ${formatFrenchDate(doc.credited_invoice.issued_on)}`, MARGIN, w.y, { size: 10, bold: true });
    w.y -= 24;
  }
}

function drawLines(w: PageWriter, doc: InvoiceDocument) {
  drawTableHeader(w);
  for (const line of doc.lines) {
    if (w.ensure(20)) drawTableHeader(w);
    w.text(fit(line.product_name, w.fonts.regular, 10, COLUMNS.quantity - 60 - COLUMNS.product), COLUMNS.product, w.y, { size: 10 });
    w.text(formatCount(line.quantity), COLUMNS.quantity, w.y, { size: 10, align: 'right' });
    w.text(formatEuros(line.unit_price_cents), COLUMNS.unitPrice, w.y, { size: 10, align: 'right' });
    w.text(formatEuros(line.total_cents), COLUMNS.total, w.y, { size: 10, align: 'right' });
    w.rule(w.y - 7);
    w.y -= 20;
  }
}

function drawTotals(w: PageWriter, doc: InvoiceDocument) {
  const rows: [string, number, boolean][] = [
    ['Total HT', doc.total_excl_vat_cents, false],
    [`TVA ${formatPercent(doc.vat_rate_percent)}`, doc.vat_cents, false],
    [doc.kind === 'credit_note' ? 'Total TTC à déduire' : 'Total TTC à payer', doc.total_incl_vat_cents, true],
  ];
  w.ensure(rows.length * 18 + 20);
  w.y -= 8;
  const labelX = 340;
  for (const [label, cents, strong] of rows) {
    if (strong) {
      w.page.drawRectangle({ x: labelX - 8, y: w.y - 6, width: RIGHT - labelX + 8, height: 20, color: BAND });
    }
    w.text(label, labelX, w.y, { size: strong ? 11 : 10, bold: strong });
    w.text(formatEuros(cents), COLUMNS.total, w.y, { size: strong ? 11 : 10, bold: strong, align: 'right' });
    w.y -= 20;
  }
}

function drawMentions(w: PageWriter, doc: InvoiceDocument) {
  const size = 8;
  const lines = doc.legal_mentions.flatMap((mention) => wrap(mention, w.fonts.regular, size, RIGHT - MARGIN));
  w.ensure(lines.length * 11 + 30);
  w.y -= 20;
  w.rule(w.y + 12);
  for (const line of lines) {
    w.text(line, MARGIN, w.y, { size, color: MUTED });
    w.y -= 11;
  }
}

/** Each page's footer: the document and the page's number, so a loose page is known. */
function drawFooters(pdf: PDFDocument, fonts: Fonts, doc: InvoiceDocument) {
  const pages = pdf.getPages();
  const title = doc.kind === 'credit_note' ? 'Avoir' : 'Facture';
  pages.forEach((page, i) => {
    const footer = `${title} n° ${doc.number} · page ${i + 1}/${pages.length}`;
    page.drawText(footer, { x: RIGHT - fonts.regular.widthOfTextAtSize(footer, 8), y: MARGIN - 20, size: 8, font: fonts.regular, color: MUTED });
  });
}

/** The invoice's PDF: Factur-X (EN 16931) on PDF/A-3, with factur-x.xml embedded. */
export async function invoicePdf(doc: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regular, bold] = await openSans();
  const w = new PageWriter(pdf, { regular: await pdf.embedFont(regular, { subset: true }), bold: await pdf.embedFont(bold, { subset: true }) });
  pdf.setLanguage('fr-FR');
  drawHeader(w, doc);
  drawLines(w, doc);
  drawTotals(w, doc);
  drawMentions(w, doc);
  drawFooters(pdf, w.fonts, doc);
  return withFacturX(doc, pdf);
}
