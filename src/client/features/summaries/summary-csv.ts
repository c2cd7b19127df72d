// A week's summaries as a CSV file Excel opens correctly: UTF-8 with a byte-order mark (without
// it Excel on Chinese Windows reads GBK and shows 乱码), CRLF line ends, fields with commas,
// quotes or line breaks quoted (papaparse), cells that would start a formula escaped. Loaded
// only when someone exports, so papaparse stays out of the page's chunk (as ledger-csv.ts).
import Papa from "papaparse";
import type { ExportTable } from "./summary-export.ts";

export const BOM = "\uFEFF";

export function summaryCsv(table: ExportTable): string {
  return (
    BOM +
    Papa.unparse(
      { fields: table.headers, data: table.rows },
      { newline: "\r\n", escapeFormulae: true, quotes: false, header: true },
    )
  );
}
