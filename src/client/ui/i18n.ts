// Every string the phone shows, in the school's words (zh-CN first) and in English. The
// language is kept in localStorage so the very first paint is already in the right language.
// Role and slot names come from domain/ so the UI and the CSV import say the same thing.
import { TZDate } from "@date-fns/tz";
import { format, formatDistance } from "date-fns";
import { enUS, zhCN } from "date-fns/locale";
import { useSyncExternalStore } from "react";
import { ROLE_LABELS, type Role } from "../../domain/roles.ts";
import { SLOT_LABELS, type SlotKind } from "../../domain/time-slots.ts";

export type Lang = "zh" | "en";
const STORAGE_KEY = "safety-rounds.lang";

const messages = {
  appName: { zh: "安全巡查", en: "Safety Rounds" },
  loading: { zh: "正在加载…", en: "Loading…" },
  back: { zh: "返回", en: "Back" },
  retry: { zh: "重试", en: "Retry" },
  cancel: { zh: "取消", en: "Cancel" },
  confirm: { zh: "确定", en: "OK" },
  required: { zh: "请填写{field}", en: "Please enter {field}" },
  langSwitch: { zh: "English", en: "中文" },
  langSwitchShort: { zh: "EN", en: "中" },
  langSwitchLabel: { zh: "切换到英文", en: "Switch to Chinese" },
  language: { zh: "语言", en: "Language" },

  // Login
  loginTitle: { zh: "登录", en: "Log in" },
  loginIntro: {
    zh: "用总务处发给您的学校代码、登录名和密码登录。登录后设置 PIN，之后没有网络也能解锁。",
    en: "Log in with the school code, login and password from the general-affairs office (总务处). Then set a PIN to unlock offline.",
  },
  reloginIntro: {
    zh: "请输入密码重新登录。本机上已保存的资料不会丢失。",
    en: "Enter your password to log in again. Nothing saved on this phone is lost.",
  },
  schoolCode: { zh: "学校代码", en: "School code" },
  schoolCodeHint: { zh: "演示学校代码: {code}", en: "Demo school code: {code}" },
  loginName: { zh: "登录名", en: "Login" },
  password: { zh: "密码", en: "Password" },
  loginButton: { zh: "登录", en: "Log in" },
  loggingIn: { zh: "正在登录…", en: "Logging in…" },
  errWrongCredentials: { zh: "学校代码、登录名或密码不正确", en: "Wrong school code, login or password" },
  errRateLimited: {
    zh: "尝试次数过多，请 {n} 分钟后再试",
    en: "Too many attempts, try again in {n} minutes",
  },
  errOneTimePasswordExpired: {
    zh: "临时密码已过期（72 小时内有效），请找总务处重新发一个",
    en: "This temporary password has expired (it works for 72 hours); ask the general-affairs office for a new one",
  },
  errOfflineFirstLogin: { zh: "需要网络才能首次登录", en: "The first login needs a network" },
  errOfflineRelogin: {
    zh: "需要网络才能用密码登录；请连上网络后再试",
    en: "Logging in with a password needs a network; connect and try again",
  },
  errServer: { zh: "服务器出错：{message}", en: "Server error: {message}" },
  errDeviceNotThisPhone: {
    zh: "服务器认不出这部手机（它的设备编号属于另一部手机或另一所学校）。请总务处在「管理 → 设备」查看，或清除本应用的数据后重新登录。",
    en: "The server does not recognise this phone (its device id belongs to another phone or school). Ask the general-affairs office to check 管理 → 设备, or clear this app's data and log in again.",
  },

  // Change password
  changePasswordTitle: { zh: "修改密码", en: "Change password" },
  changePasswordIntro: {
    zh: "首次登录请把临时密码改成只有您知道的密码。",
    en: "Please replace the temporary password with one only you know.",
  },
  currentPassword: { zh: "当前密码（临时密码）", en: "Current (temporary) password" },
  newPassword: { zh: "新密码（至少 8 位）", en: "New password (at least 8 characters)" },
  repeatNewPassword: { zh: "再次输入新密码", en: "New password again" },
  errPasswordTooShort: { zh: "新密码至少需要 8 个字符", en: "The new password needs at least 8 characters" },
  errPasswordMismatch: { zh: "两次输入的新密码不一致", en: "The two new passwords differ" },
  errPasswordSameAsOld: {
    zh: "新密码不能与当前密码相同",
    en: "The new password must differ from the current one",
  },
  errPasswordTooGuessable: {
    zh: "新密码太容易被猜到（常见密码、规律、日期或姓名），请换一个更长的，比如几个词连在一起",
    en: "The new password is too easy to guess (a common password, a pattern, a date or a name); use a longer one, e.g. a few words",
  },
  errPasswordContainsAccount: {
    zh: "新密码不能包含学校代码或您的登录名",
    en: "The new password must not contain the school code or your login",
  },
  errWrongCurrentPassword: { zh: "当前密码不正确", en: "The current password is wrong" },
  errOfflinePassword: { zh: "需要网络才能修改密码", en: "Changing the password needs a network" },
  save: { zh: "保存", en: "Save" },
  saving: { zh: "正在保存…", en: "Saving…" },

  // PIN
  setPinTitle: { zh: "设置解锁 PIN", en: "Set an unlock PIN" },
  setPinIntro: {
    zh: "PIN 只保存在本机，用于切换用户和离线解锁，也是本机登录的钥匙。请输入 6 位数字。",
    en: "The PIN stays on this phone: it unlocks it, offline too, and locks your session here. Enter 6 digits.",
  },
  setPinUnsaved: {
    zh: "设置 PIN 之前关闭应用，需要重新用密码登录。",
    en: "Close the app before setting a PIN and you need your password again.",
  },
  pinFirst: { zh: "输入新 PIN（6 位数字）", en: "Enter a new PIN (6 digits)" },
  pinRepeat: { zh: "再次输入同一个 PIN", en: "Enter the same PIN again" },
  pinMismatch: { zh: "两次输入的 PIN 不一致，请重新输入", en: "The PINs differ; please start again" },
  pinTooShort: { zh: "PIN 需要 6 位数字", en: "A PIN has 6 digits" },
  pinSessionGone: {
    zh: "本次登录已失效（应用曾关闭），请用密码重新登录",
    en: "This login is gone (the app was closed): log in with your password again",
  },
  pinDigits: { zh: "已输入 {n} 位", en: "{n} digits entered" },
  pinDelete: { zh: "删除", en: "Delete" },
  next: { zh: "下一步", en: "Next" },

  // Lock
  lockTitle: { zh: "选择账号", en: "Choose an account" },
  lockIntro: {
    zh: "本机上登录过的账号。点选后输入 PIN。",
    en: "Accounts used on this phone. Tap one, then enter the PIN.",
  },
  enterPinFor: { zh: "{name}，请输入 PIN", en: "{name}, enter your PIN" },
  checkingPin: { zh: "正在验证…", en: "Checking…" },
  wrongPin: { zh: "PIN 不正确，还可以试 {n} 次", en: "Wrong PIN, {n} tries left" },
  pinLockedOut: {
    zh: "PIN 错误次数过多，请联网后用密码重新登录",
    en: "Too many wrong PINs: log in again with the password (needs a network)",
  },
  needsPassword: { zh: "需要用密码重新登录", en: "Needs a password login" },
  loginWithOther: { zh: "用其他账号登录", en: "Log in with another account" },
  otherAccounts: { zh: "换一个账号", en: "Other accounts" },
  autoLocked: {
    zh: "已自动锁定（闲置 30 分钟，或应用重新打开）",
    en: "Locked (30 minutes idle, or the app reopened)",
  },

  // Shell
  switchUser: { zh: "切换用户", en: "Switch user" },
  navHome: { zh: "首页", en: "Home" },
  navBoard: { zh: "今日看板", en: "Today" },
  navPhone: { zh: "本机", en: "Phone" },
  navAdmin: { zh: "管理", en: "Admin" },
  loginAgain: { zh: "重新登录", en: "Log in again" },

  // Sync status strip (every signed-in page)
  syncPending: { zh: "{n} 条待同步", en: "{n} unsent" },
  syncAllSent: { zh: "已同步", en: "Synced" },
  syncLastAt: { zh: "上次同步 {ago}", en: "last sync {ago}" },
  syncNever: { zh: "尚未同步", en: "not synced yet" },
  syncRunning: { zh: "正在同步…", en: "Syncing…" },
  syncOffline: { zh: "等待网络", en: "no network" },
  syncNow: { zh: "立即同步", en: "Sync now" },
  syncNeedsLogin: {
    zh: "请重新登录以同步。登录已失效，离线仍可使用，记录不会丢失。",
    en: "Log in again to sync. Your session ended; you can keep working offline and nothing is lost.",
  },
  syncWaitingFor: {
    zh: "{n} 条记录在等待{name}登录后同步",
    en: "{n} entries are waiting for {name} to log in",
  },
  syncWaitingForPin: {
    zh: "{n} 条记录等{name}输入 PIN 后发送",
    en: "{n} entries will be sent once {name} enters their PIN",
  },
  syncClockMinutes: {
    zh: "本机时间不准，相差约 {n} 分钟。请在手机设置中校准时间。",
    en: "This phone's clock is off by about {n} minutes. Please correct it in the phone's settings.",
  },
  syncClockHours: {
    zh: "本机时间不准，相差约 {n} 小时。请在手机设置中校准时间。",
    en: "This phone's clock is off by about {n} hours. Please correct it in the phone's settings.",
  },
  syncClockDays: {
    zh: "本机时间不准，相差约 {n} 天。请在手机设置中校准时间。",
    en: "This phone's clock is off by about {n} days. Please correct it in the phone's settings.",
  },
  syncStalled: {
    zh: "已经{time}没有同步成功，还有 {n} 条未发送。请连上网络；一直这样请告诉总务处。",
    en: "Nothing has synced for {time} and {n} entries are unsent. Connect to a network; if it persists, tell the general-affairs office.",
  },
  syncServerBusy: { zh: "服务器暂时忙，稍后自动重试", en: "The server is busy; retrying shortly" },
  syncRefused: {
    zh: "服务器拒绝了同步请求（{code}），请更新应用或告诉总务处",
    en: "The server refused the sync request ({code}); update the app or tell the general-affairs office",
  },
  syncGap: {
    zh: "服务器缺少本机之前的记录，正在自动处理",
    en: "The server is missing earlier entries from this phone; sorting it out",
  },
  syncWiped: {
    zh: "本机已被管理员移出学校，学校资料已从本机删除",
    en: "An admin removed this phone from the school; the school's data was deleted from it",
  },
  syncFailed: { zh: "同步出错，稍后自动重试：{message}", en: "Sync failed, retrying shortly: {message}" },
  syncAttention: { zh: "{n} 项需要处理", en: "{n} need attention" },
  updateAvailable: { zh: "新版本可用", en: "A new version is available" },
  update: { zh: "更新", en: "Update" },
  loadFailed: { zh: "页面加载失败，请联网后重试", en: "The page failed to load; retry when online" },

  // Home
  today: { zh: "今天", en: "Today" },
  currentSlot: { zh: "当前时段", en: "Current time slot" },
  responsible: { zh: "负责：{who}", en: "Responsible: {who}" },
  nextHandover: { zh: "下次交接 {time} → {slot}", en: "Next hand-over at {time} → {slot}" },
  daySchedule: { zh: "今日时段（管理时段化）", en: "Today's time slots" },
  slotNow: { zh: "现在", en: "Now" },
  signedInAs: { zh: "当前用户", en: "Signed in" },
  noReference: {
    zh: "学校作息时间尚未下载到本机。联网后会自动下载。",
    en: "The school's timetable is not on this phone yet. It downloads when online.",
  },
  referenceAsOf: { zh: "学校资料同步于 {time}", en: "School data synced {time}" },
  download: { zh: "下载", en: "Download" },

  // This phone
  phoneTitle: { zh: "本机", en: "This phone" },
  storageTitle: { zh: "离线存储", en: "Offline storage" },
  persistence: { zh: "持久存储", en: "Persistent storage" },
  persistGranted: {
    zh: "已获准：浏览器不会自动清除本机资料",
    en: "Granted: the browser will not clear this phone's data by itself",
  },
  persistDenied: {
    zh: "未获准：空间不足时浏览器可能清除本机资料",
    en: "Not granted: the browser may clear data when space runs low",
  },
  persistUnknown: { zh: "尚未申请", en: "Not asked yet" },
  persistUnsupported: { zh: "此浏览器不支持", en: "Not supported by this browser" },
  askAgain: { zh: "再次申请", en: "Ask again" },
  storageUsed: { zh: "已用 {used}，可用上限 {quota}", en: "{used} used of {quota}" },
  storageUnknown: { zh: "无法读取存储用量", en: "Storage use unknown" },
  appVersion: { zh: "应用版本", en: "App version" },
  deviceId: { zh: "设备编号", en: "Device id" },
  serverContact: { zh: "最近一次联网", en: "Last server contact" },
  contactOk: { zh: "已连接服务器（{time}）", en: "Server reached ({time})" },
  contactFailed: { zh: "无法连接服务器（{time}）", en: "Server not reached ({time})" },
  contactNever: { zh: "本次打开后尚未联网", en: "No call since the app opened" },
  checkNow: { zh: "检查连接", en: "Check now" },
  logout: { zh: "退出登录", en: "Log out" },
  logoutExplain: {
    zh: "退出后本机会忘记您的登录和 PIN，下次需要联网用密码登录。本校若已无人在本机登录，本机上的学校数据也会删除，只保留尚未发送的记录，发送后同样删除。",
    en: "Logging out forgets your session and PIN here; next time you need a network and your password. If no one else of the school is signed in here, the school's data leaves this phone too, all but unsent work, which goes once it is sent.",
  },
  logoutConfirm: { zh: "确认退出登录", en: "Yes, log out" },
  logoutUnsent: {
    zh: "您还有 {n} 条记录未同步。退出后它们仍保存在本机，联网后以您的名义自动发送，发送后从本机删除。",
    en: "You have {n} unsent entries. They stay on this phone, are sent as you once it is online, and then leave it.",
  },
  syncTitle: { zh: "同步", en: "Sync" },
  attentionTitle: { zh: "需要处理", en: "Needs attention" },
  attentionNone: { zh: "没有需要处理的记录", en: "Nothing needs attention" },
  attentionOpen: { zh: "查看需要处理的记录（{n} 项）", en: "Open the entries that need attention ({n})" },
  loggingOut: { zh: "正在退出…", en: "Logging out…" },

  // Admin
  adminTitle: { zh: "管理", en: "Admin" },
  importTitle: { zh: "导入名单（CSV）", en: "Import lists (CSV)" },
  importIntro: {
    zh: "先下载模板，用表格软件填写后另存为 CSV（UTF-8），再上传。文件有任何错误时整份不导入。",
    en: "Download the template, fill it in a spreadsheet, save as CSV (UTF-8) and upload. A file with any error is refused whole.",
  },
  kindStaff: { zh: "教职工", en: "Staff" },
  kindClasses: { zh: "班级", en: "Classes" },
  kindPupils: { zh: "学生", en: "Pupils" },
  downloadTemplate: { zh: "下载模板", en: "Download template" },
  chooseFile: { zh: "选择 CSV 文件", en: "Choose a CSV file" },
  upload: { zh: "上传导入", en: "Upload" },
  uploading: { zh: "正在导入…", en: "Importing…" },
  importDone: {
    zh: "导入完成：新增 {created} 条，更新 {updated} 条",
    en: "Imported: {created} created, {updated} updated",
  },
  oneTimePasswords: {
    zh: "新账号的一次性密码（只显示这一次，请抄下交给本人；72 小时内可登录一次，登录后须修改）",
    en: "One-time passwords of new accounts (shown only now; hand each to its owner: one login within 72 hours, then it must be changed)",
  },
  importRefused: {
    zh: "导入被拒绝，没有写入任何数据。请修改以下问题后重新上传：",
    en: "Import refused; nothing was written. Fix these problems and upload again:",
  },
  colLine: { zh: "行", en: "Line" },
  colColumn: { zh: "列", en: "Column" },
  colReason: { zh: "原因", en: "Reason" },
  colName: { zh: "姓名", en: "Name" },
  colLogin: { zh: "登录名", en: "Login" },
  colPassword: { zh: "一次性密码", en: "One-time password" },
  errNetwork: { zh: "没有网络，请稍后重试", en: "No network; try again later" },
  activeSessions: { zh: "会话 {n} 个", en: "{n} sessions" },
  endSessions: { zh: "结束会话", en: "End sessions" },
  sessionsEnded: { zh: "已结束 {name} 的 {n} 个会话", en: "Ended {n} sessions of {name}" },
  resetPassword: { zh: "重置密码", en: "Reset password" },
  passwordReset: {
    zh: "{name}（{login}）的新一次性密码，请交给本人（72 小时内可登录一次，登录后须修改）：",
    en: "New one-time password of {name} ({login}); hand it over (one login within 72 hours, then it must be changed):",
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof messages;

function readInitialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === "zh" || saved === "en") return saved;
  } catch {
    // Storage may be blocked (private mode): fall back to Chinese.
  }
  return "zh";
}

let current: Lang = readInitialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted; the choice still holds for this visit.
  }
  applyDocumentLang();
  for (const listener of listeners) listener();
}

export function subscribeLang(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyDocumentLang(): void {
  if (typeof document !== "undefined") document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
}

/** Re-renders the caller when the language changes. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribeLang, getLang, getLang);
}

function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  let out = text;
  for (const [name, value] of Object.entries(params)) out = out.replaceAll(`{${name}}`, String(value));
  return out;
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(messages[key][current], params);
}

export type Messages<K extends string> = Record<K, { zh: string; en: string }>;

/**
 * A translator for a lazily loaded page's own dictionary, so the strings of rarely used pages
 * (admin forms) travel with their chunk instead of the first screen's JavaScript.
 */
export function defineMessages<K extends string>(
  dictionary: Messages<K>,
): (key: K, params?: Record<string, string | number>) => string {
  return (key, params) => fill(dictionary[key][current], params);
}

/** A domain label ({ zh, en }) in the current language. */
export function inLang(label: { zh: string; en: string }): string {
  return label[current];
}

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role][current];
}

export function rolesText(roles: readonly Role[]): string {
  return roles.map(roleLabel).join(current === "zh" ? "、" : ", ");
}

export function slotLabel(slot: SlotKind): string {
  return SLOT_LABELS[slot][current];
}

export function slotResponsible(slot: SlotKind): string {
  const label = SLOT_LABELS[slot];
  return current === "zh" ? label.responsibleZh : label.responsibleEn;
}

const locale = () => (current === "zh" ? zhCN : enUS);

/** "3 分钟前" / "3 minutes ago": a past moment relative to `now` (both phone clock). */
export function formatAgo(instant: Date | number, now: Date | number): string {
  return formatDistance(Math.min(+instant, +now), now, { addSuffix: true, locale: locale() });
}

/** "约 2 小时" / "about 2 hours": a length of time in words. */
export function formatDuration(ms: number): string {
  return formatDistance(0, Math.max(0, ms), { locale: locale() });
}

const GRADES_ZH = ["一", "二", "三", "四", "五", "六"];

/** "班主任：张三" / "Class teacher: Zhang San": a label and its value in the language's punctuation. */
export function labelled(label: string, value: string): string {
  return current === "zh" ? `${label}：${value}` : `${label}: ${value}`;
}

/** 一年级 / Grade 1. */
export function gradeLabel(grade: number): string {
  return current === "zh" ? `${GRADES_ZH[grade - 1] ?? grade}年级` : `Grade ${grade}`;
}

/**
 * 一年级1班 / Grade 1 · Class 1: how the school names a class. In English a name of the usual
 * form "N班" reads "Class N"; any other name (火箭班) stays as the school typed it.
 */
export function classLabel(schoolClass: { grade: number; name: string }): string {
  if (current === "zh") return `${gradeLabel(schoolClass.grade)}${schoolClass.name}`;
  const numbered = /^\s*(\d+)\s*班\s*$/.exec(schoolClass.name);
  // A no-break space keeps "Class 1" on one line on a narrow card; the line breaks at the "·".
  return `${gradeLabel(schoolClass.grade)} · ${numbered ? `Class\u00a0${numbered[1]}` : schoolClass.name}`;
}

/** "2026年11月28日 星期六" / "Saturday, November 28th, 2026", read in the school's time zone. */
export function formatLongDate(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), "PPPP", { locale: locale() });
}

/** "14:05" in the school's time zone. */
export function formatClock(instant: Date | number, timeZone: string): string {
  return format(new TZDate(+instant, timeZone), "HH:mm");
}

/** A moment for status lines: "11月28日 14:05" / "Nov 28, 14:05" (phone's own zone). */
export function formatMoment(instant: Date | number): string {
  return format(instant, current === "zh" ? "M月d日 HH:mm" : "MMM d, HH:mm", { locale: locale() });
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
