/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted when it holds a comma,
 * a quote, a line break or a leading or trailing space, and its quotes doubled. A spreadsheet reads a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula: such cells are prefixed with a single quote
 * (OWASP's advice on CSV injection), so a candidate's name can never run in the reader's spreadsheet.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export type CsvCell = string | number | null | undefined;

/** One field: text as it should read, made inert and quoted where needed; null and undefined are empty. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}
