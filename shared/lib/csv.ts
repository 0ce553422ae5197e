/**
 * CSV as Dutch spreadsheet settings open it without an import wizard: `;` between fields, a decimal comma, CRLF line
 * ends, a header row. Generic machinery (shared/lib): it knows the format, not what the columns mean.
 */

/** A cell: text as it is, a number with a decimal comma, null as an empty field. */
export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value).replace('.', ',') : value;
}

/**
 * The header and rows as semicolon-separated lines, each ended by CRLF. Nothing is quoted: callers pass cells that
 * hold no `;`, quote or line break (months, numbers, column names).
 */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows.map((row) => row.map(cell))].map((r) => r.join(';')).join('\r\n') + '\r\n';
}
