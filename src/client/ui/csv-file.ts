// A table as a CSV file Excel opens correctly (the ledger, the week's summaries, the month's
// ranking): UTF-8 with a byte-order mark (without it Excel on Chinese Windows reads the file as
// GBK and shows 乱码), CRLF line ends, fields with commas, quotes or line breaks quoted
// (papaparse), and cells that would start a formula escaped. Pages import it only when someone
// exports, so papaparse stays out of their chunks.
import Papa from "papaparse";

export const BOM = "\uFEFF";

export interface CsvTable {
  headers: string[];
  rows: string[][];
}

export function csvText(table: CsvTable): string {
  return (
    BOM +
    Papa.unparse(
      { fields: table.headers, data: table.rows },
      { newline: "\r\n", escapeFormulae: true, quotes: false, header: true },
    )
  );
}
