import { Component, type ReactNode } from "react";
import { t } from "./i18n.ts";

/** Catches a lazy page that failed to load (offline before the service worker cached it). */
export class ErrorBoundary extends Component<{ children: ReactNode }, { hasFailed: boolean }> {
  override state = { hasFailed: false };

  static getDerivedStateFromError(): { hasFailed: boolean } {
    return { hasFailed: true };
  }

  override render(): ReactNode {
    if (!this.state.hasFailed) return this.props.children;
    return (
      <div className="card" role="alert">
        <p>{t("loadFailed")}</p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t("retry")}
        </button>
      </div>
    );
  }
}
