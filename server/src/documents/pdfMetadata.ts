import { PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import type { InvoiceDocument } from '../domain/invoiceDocument.ts';

/**
 * The document information of an invoice's PDF/A-3 (ISO 19005-3 §6.6): the Info dictionary and the
 * XMP metadata stream say the same things (title, author, creator tool, producer, dates), with the
 * PDF/A identification (part 3, conformance B) and the Factur-X extension schema (fx:, EN 16931).
 * factur-x-kit writes a generic English title, "pdf-lib" as producer and an XMP that is not
 * well-formed; this replaces both, once the XML is embedded.
 */

export const PDF_CREATOR = 'Cascade';
export const PDF_PRODUCER = 'Cascade (pdf-lib, factur-x-kit)';
export const PDF_LANGUAGE = 'fr-FR';

const KIND_TITLE = { invoice: 'Facture', credit_note: 'Avoir' } as const;

export const pdfTitle = (doc: Pick<InvoiceDocument, 'kind' | 'number'>) => `${KIND_TITLE[doc.kind]} ${doc.number}`;

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An XMP date (ISO 8601, seconds, UTC). */
const xmpDate = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** The fx: properties, declared in a PDF/A extension schema as PDF/A requires for a custom namespace. */
const FX_PROPERTIES = [
  ['DocumentFileName', 'The name of the embedded XML invoice file'],
  ['DocumentType', 'INVOICE'],
  ['Version', 'The version of the Factur-X XML schema'],
  ['ConformanceLevel', 'The Factur-X profile of the XML invoice'],
] as const;

function xmp(info: { title: string; author: string; created: Date }): string {
  const date = xmpDate(info.created);
  const fxProperties = FX_PROPERTIES.map(
    ([name, description]) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
  ).join('');
  return `<?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:format>application/pdf</dc:format>
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlText(info.title)}</rdf:li></rdf:Alt></dc:title>
      <dc:creator><rdf:Seq><rdf:li>${xmlText(info.author)}</rdf:li></rdf:Seq></dc:creator>
      <dc:language><rdf:Bag><rdf:li>${PDF_LANGUAGE}</rdf:li></rdf:Bag></dc:language>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
      <xmp:CreatorTool>${PDF_CREATOR}</xmp:CreatorTool>
      <xmp:CreateDate>${date}</xmp:CreateDate>
      <xmp:ModifyDate>${date}</xmp:ModifyDate>
      <xmp:MetadataDate>${date}</xmp:MetadataDate>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
      <pdf:Producer>${xmlText(PDF_PRODUCER)}</pdf:Producer>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>3</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
      <fx:DocumentType>INVOICE</fx:DocumentType>
      <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
      <fx:Version>1.0</fx:Version>
      <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
    </rdf:Description>
    <rdf:Description rdf:about=""
        xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
        xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
        xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
      <pdfaExtension:schemas>
        <rdf:Bag>
          <rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fx</pdfaSchema:prefix>
            <pdfaSchema:property>
              <rdf:Seq>${fxProperties}
              </rdf:Seq>
            </pdfaSchema:property>
          </rdf:li>
        </rdf:Bag>
      </pdfaExtension:schemas>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Rewrites the Info dictionary and the XMP metadata of a Factur-X PDF so that they agree. */
export async function withInvoiceMetadata(pdfBytes: Uint8Array, doc: InvoiceDocument): Promise<Uint8Array> {
  // updateMetadata false: pdf-lib would otherwise stamp its own producer and today's date.
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const info = { title: pdfTitle(doc), author: doc.issuer.display_name, created: new Date(`${doc.issued_on}T00:00:00Z`) };
  pdf.setTitle(info.title);
  pdf.setAuthor(info.author);
  pdf.setSubject(`${info.title} · ${doc.buyer.display_name}`);
  pdf.setCreator(PDF_CREATOR);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setCreationDate(info.created);
  pdf.setModificationDate(info.created);
  pdf.setLanguage(PDF_LANGUAGE);
  const previous = pdf.catalog.get(PDFName.of('Metadata'));
  const bytes = new TextEncoder().encode(xmp(info));
  const stream = pdf.context.stream(bytes, { Type: 'Metadata', Subtype: 'XML', Length: bytes.length });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
  if (previous instanceof PDFRef) pdf.context.delete(previous);
  return pdf.save({ useObjectStreams: false });
}
