/**
 * CSV text for spreadsheets: French Excel wants `;` and a UTF-8 byte-order mark, English `,`.
 * A cell that a spreadsheet would read as a formula (= + - @, tab, carriage return first) is
 * prefixed with ' so that it shows as text and never runs (OWASP "CSV injection").
 */

export type Cell = string | number | null;

export interface CsvDialect {
  separator: ';' | ',';
  /** UTF-8 byte-order mark first, so that Excel reads UTF-8. */
  bom: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: Cell, separator: string): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, ended by CRLF as RFC 4180 says. */
export const csvLine = (cells: readonly Cell[], { separator }: CsvDialect) => `${cells.map((cell) => cellText(cell, separator)).join(separator)}\r\n`;

export const csvStart = (dialect: CsvDialect) => (dialect.bom ? '\uFEFF' : '');
