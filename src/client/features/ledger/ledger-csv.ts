// The ledger as a CSV file Excel opens correctly: UTF-8 with a byte-order mark (without it
// Excel on Chinese Windows reads the file as GBK and shows 乱码), CRLF line ends, fields with
// commas, quotes or line breaks quoted (papaparse), and cells that would start a formula
// escaped. Loaded only when someone exports (papaparse stays out of the page's chunk).
import Papa from "papaparse";
import type { LedgerTable } from "./ledger-rows.ts";

export const BOM = "\uFEFF";

export function ledgerCsv(table: LedgerTable): string {
  return (
    BOM +
    Papa.unparse(
      { fields: table.headers, data: table.rows },
      { newline: "\r\n", escapeFormulae: true, quotes: false, header: true },
    )
  );
}
