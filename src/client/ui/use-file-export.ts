// The state of an export button (CSV of the ledger, the week's summaries, the month's ranking):
// busy while the file is made, and what went wrong if it failed, in the page's own words. The
// file is made on the phone and handed to the browser (download-file.ts), offline too.
import { useState } from "react";
import { downloadText } from "./download-file.ts";

export function useFileExport(failed: (message: string) => string) {
  const [problem, setProblem] = useState<string | null>(null);
  const [isExporting, setIsExporting] = useState(false);

  async function exportFile(make: () => Promise<{ text: string; fileName: string }>) {
    setProblem(null);
    setIsExporting(true);
    try {
      const { text, fileName } = await make();
      downloadText(text, fileName);
    } catch (caught) {
      setProblem(failed(caught instanceof Error ? caught.message : String(caught)));
    } finally {
      setIsExporting(false);
    }
  }

  return { problem, isExporting, exportFile };
}
