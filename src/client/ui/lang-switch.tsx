import { getLang, setLang, t, useLang } from "./i18n.ts";

/** One tap flips between 中文 and English; the choice is remembered on this phone. */
export function LangSwitch({ isLong = false }: { isLong?: boolean }) {
  useLang();
  return (
    <button
      type="button"
      className={isLong ? "button button-secondary" : "icon-button"}
      aria-label={t("langSwitchLabel")}
      lang={getLang() === "zh" ? "en" : "zh-CN"}
      onClick={() => setLang(getLang() === "zh" ? "en" : "zh")}
    >
      {isLong ? t("langSwitch") : t("langSwitchShort")}
    </button>
  );
}
