import { getLang, setLang, t, useLang } from "./i18n.ts";

/**
 * One tap flips between 中文 and English; the choice is remembered on this phone. Its name is
 * what it shows ("EN", in the other language) followed by what it does, so voice control
 * ("tap EN") and a screen reader agree with the screen.
 */
export function LangSwitch({ isLong = false }: { isLong?: boolean }) {
  useLang();
  return (
    <button
      type="button"
      className={isLong ? "button button-secondary" : "icon-button"}
      onClick={() => setLang(getLang() === "zh" ? "en" : "zh")}
    >
      <span lang={getLang() === "zh" ? "en" : "zh-CN"}>
        {isLong ? t("langSwitch") : t("langSwitchShort")}
      </span>
      <span className="visually-hidden"> · {t("langSwitchLabel")}</span>
    </button>
  );
}
