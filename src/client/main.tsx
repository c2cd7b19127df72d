// Entry point: styles, language, the app shell and (in production) the service worker.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadWire } from "./api/api-client.ts";
import { registerServiceWorker } from "./pwa/register-sw.ts";
import { App } from "./shell/app.tsx";
import { applyDocumentLang } from "./ui/i18n.ts";
import "./styles.css";

applyDocumentLang();
const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
registerServiceWorker();
// Warm the schemas chunk (zod + protocol) once the first screen is up, so the first API call
// does not wait for it; it is split off to keep the initial JS small.
setTimeout(() => void loadWire().catch(() => undefined), 1500);
