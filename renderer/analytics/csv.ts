/**
 * CSV that Excel opens correctly, Chinese included: UTF-8 with a byte-order mark (without it
 * Excel on a Chinese Windows reads the file as GBK and shows mojibake), CRLF line ends, and every
 * field quoted so commas, quotes and line breaks inside a stage or customer name stay in their cell.
 */

export type CsvCell = string | number | null | undefined;

export interface CsvTable {
  headers: string[];
  rows: CsvCell[][];
}

const BOM = '\uFEFF';

/** One field, always quoted; quotes doubled. Numbers keep their plain form (no grouping). */
export function csvField(value: CsvCell): string {
  const text = value === null || value === undefined ? '' : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Leading =, +, - or @ would make Excel run the cell as a formula (CSV injection); a text cell
 * that starts so gets a leading apostrophe. Numbers (also as exact decimal strings, "-12.50")
 * are written as they are.
 */
function safeText(value: CsvCell): CsvCell {
  if (typeof value !== 'string' || /^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(table: CsvTable): string {
  const lines = [table.headers, ...table.rows].map((row) =>
    row.map((cell) => csvField(safeText(cell))).join(','),
  );
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name safe on Windows: no reserved characters; Chinese is fine. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n]+/g, '-').trim() || 'export';
}
