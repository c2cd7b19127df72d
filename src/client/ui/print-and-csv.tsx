// The pair of buttons under a list that has an A4 print view and a CSV file (the week's
// summaries, the month's ranking): 打印 opens the page's print view, 导出 CSV makes the file on
// the phone (offline too) and says what went wrong if it could not.
import { inLang } from "./i18n.ts";
import { navigate } from "./router.ts";
import { useFileExport } from "./use-file-export.ts";

export function PrintAndCsv({
  printTo,
  printTestId,
  csvTestId,
  canExport,
  makeCsv,
}: {
  /** The print view's path. */
  printTo: string;
  printTestId: string;
  csvTestId: string;
  canExport: boolean;
  makeCsv: () => Promise<{ text: string; fileName: string }>;
}) {
  const { problem, isExporting, exportFile } = useFileExport((message) =>
    inLang({ zh: `导出失败：${message}`, en: `Export failed: ${message}` }),
  );
  return (
    <>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          data-testid={printTestId}
          onClick={() => navigate(printTo)}
        >
          {inLang({ zh: "打印（A4）", en: "Print (A4)" })}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={isExporting || !canExport}
          data-testid={csvTestId}
          onClick={() => void exportFile(makeCsv)}
        >
          {isExporting
            ? inLang({ zh: "正在导出…", en: "Exporting…" })
            : inLang({ zh: "导出 CSV", en: "Export CSV" })}
        </button>
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}
