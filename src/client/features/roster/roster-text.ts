// The roster pages' own words (zh-CN first, English second): the week view, the setup page
// (templates, generating a term, the timetable) and the printed 值日表.
import { defineMessages } from "../../ui/i18n.ts";

export const rt = defineMessages({
  // Shared
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  campus: { zh: "全校", en: "Campus" },
  unknownRoom: { zh: "（未知宿舍）", en: "(unknown room)" },
  nextDay: { zh: "次日", en: "next day " },
  pending: { zh: "待同步", en: "Unsent" },
  readOnly: { zh: "只读：值日表由总务主任编排", en: "Read only: the general-affairs head keeps the roster" },
  nobody: { zh: "无人", en: "Nobody" },
  gap: { zh: "空缺", en: "Gap" },
  clash: { zh: "冲突", en: "Clash" },
  notHeld: { zh: "—", en: "—" },
  conflictsHint: {
    zh: "若别人同时改了同一条记录，会显示在“需要处理”中，不会被悄悄覆盖。",
    en: "If someone else changed the same record meanwhile, it shows under “Needs attention”; nothing is silently overwritten.",
  },

  // Week view
  weekTitle: { zh: "值日表（周视图）", en: "Duty roster (week)" },
  weekIntro: {
    zh: "点一个格子可以安排或清空值日人员。红色为空缺，橙色为同一人同时在两处（冲突）。",
    en: "Tap a cell to assign or clear people. Red: a gap; orange: one person in two places (clash).",
  },
  weekRange: { zh: "{from} 至 {to}", en: "{from} to {to}" },
  prevWeek: { zh: "‹ 上周", en: "‹ Previous" },
  nextWeek: { zh: "下周 ›", en: "Next ›" },
  thisWeek: { zh: "本周", en: "This week" },
  duty: { zh: "值日", en: "Duty" },
  summary: {
    zh: "未来14天：{gaps} 个空缺，{clashes} 个冲突",
    en: "Next 14 days: {gaps} gaps, {clashes} clashes",
  },
  summaryNone: { zh: "未来14天：没有空缺，也没有冲突", en: "Next 14 days: no gaps and no clashes" },
  summaryList: { zh: "查看清单", en: "Show the list" },
  gapItem: { zh: "{date} {duty}：空缺", en: "{date} {duty}: gap" },
  gapCleared: { zh: "（已被清空）", en: " (cleared)" },
  clashItem: {
    zh: "{who}：{a} 与 {b} 时间重叠",
    en: "{who}: {a} overlaps {b}",
  },
  weekProblems: {
    zh: "本周：{gaps} 个空缺，{clashes} 个冲突",
    en: "This week: {gaps} gaps, {clashes} clashes",
  },
  setupLink: { zh: "模板与生成", en: "Templates & generate" },
  printLink: { zh: "打印值日表", en: "Print roster" },
  noTemplatesYet: {
    zh: "还没有值日表。先在“模板与生成”中建立轮值模板并生成学期值日表。",
    en: "No roster yet. Set up rotation templates and generate a term under “Templates & generate”.",
  },
  cellLabel: { zh: "{duty}，{date}：{who}", en: "{duty}, {date}: {who}" },

  // Slot editor
  editTitle: { zh: "{duty} · {date}", en: "{duty} · {date}" },
  slotTime: { zh: "时间：{time}", en: "Time: {time}" },
  onSlot: { zh: "值日人员", en: "On duty" },
  removePerson: { zh: "移除{name}", en: "Remove {name}" },
  dutyTeacher: { zh: "值日教师", en: "duty teacher" },
  addPerson: { zh: "添加人员", en: "Add a person" },
  clearSlot: { zh: "清空", en: "Clear" },
  save: { zh: "保存", en: "Save" },
  saving: { zh: "正在保存…", en: "Saving…" },
  close: { zh: "关闭", en: "Close" },
  saveFailed: { zh: "没有保存：{message}", en: "Not saved: {message}" },
  changedMeanwhile: {
    zh: "这个时段刚刚被修改过（可能是同步下来的），请看一下现在的人员再保存。",
    en: "This slot changed a moment ago (perhaps from a sync); check who is on it now, then save.",
  },
  tooManyPeople: { zh: "一个时段最多 10 人", en: "At most 10 people on one slot" },
  clashWarning: {
    zh: "注意：{who}同时还在另一个时段值日（冲突）。",
    en: "Note: {who} is also on another overlapping slot (clash).",
  },
  history: { zh: "修改记录", en: "History" },
  historyNone: { zh: "还没有记录", en: "No history yet" },
  changeGenerated: { zh: "按模板生成", en: "Generated" },
  changeAssigned: { zh: "安排", en: "Assigned" },
  changeCleared: { zh: "清空", en: "Cleared" },
  changeSwapped: { zh: "换班", en: "Swapped" },
  historyBy: { zh: "{who}：{change}", en: "{who}: {change}" },
  approvedBy: { zh: "批准人：{who}", en: "Approved by {who}" },
  swapWith: { zh: "换班：{a} ⇄ {b}", en: "Swap: {a} ⇄ {b}" },
  pendingNote: {
    zh: "已保存在本机，联网后自动同步。",
    en: "Saved on this phone; it syncs when online.",
  },
  sourceEdited: { zh: "已手动调整，重新生成时保留", en: "Edited by hand; kept when regenerating" },
  sourceSwapped: { zh: "已换班，重新生成时保留", en: "Swapped; kept when regenerating" },

  // Setup page
  setupTitle: { zh: "值日表设置", en: "Roster setup" },
  setupIntro: {
    zh: "学期、假期、调休和作息时间在“学校设置”中填写；这里建立轮值模板、生成学期值日表、导入课程表。",
    en: "Terms, holidays, make-up days and the bell schedule are in School settings; here you set up templates, generate a term and import timetables.",
  },
  calendarLink: { zh: "学期与作息时间（学校设置）", en: "Terms and bell schedule (School settings)" },
  weekLink: { zh: "周视图", en: "Week view" },
  templatesTitle: { zh: "轮值模板", en: "Rotation templates" },
  templatesNone: { zh: "还没有模板。", en: "No templates yet." },
  newTemplate: { zh: "新建模板", en: "New template" },
  templateOff: { zh: "已停用", en: "Off" },
  patternWeeklyShort: { zh: "每周固定", en: "Weekly" },
  patternRotationShort: { zh: "轮流 {n} 人，每天 {perDay} 人", en: "Rotation of {n}, {perDay} a day" },

  // Template editor
  editTemplate: { zh: "编辑轮值模板", en: "Edit template" },
  createTemplate: { zh: "新建轮值模板", en: "New template" },
  templateName: { zh: "模板名称", en: "Template name" },
  templateNameHint: { zh: "例如：早活动值日（本学期）", en: "e.g. Morning duty (this term)" },
  dutyKind: { zh: "值日类别", en: "Duty" },
  scope: { zh: "范围", en: "Scope" },
  scopeBuilding: { zh: "宿舍楼：{name}", en: "Building: {name}" },
  scopeRoom: { zh: "宿舍：{name}", en: "Room: {name}" },
  noBuildings: {
    zh: "还没有宿舍。请先在“管理 › 宿舍”中添加宿舍和宿舍楼。",
    en: "No dorm rooms yet. Add rooms and buildings under Admin › Dorm rooms first.",
  },
  chooseScope: { zh: "（请选择宿舍楼或宿舍）", en: "(choose a building or room)" },
  patternMode: { zh: "排班方式", en: "Pattern" },
  patternWeekly: { zh: "每周固定", en: "Same each week" },
  patternRotation: { zh: "名单轮流", en: "Rotate a list" },
  weeklyHint: {
    zh: "每个星期几由谁值日；调休上课日按它所顶替的星期几安排。",
    en: "Who is on each weekday; a make-up day follows the weekday it stands for.",
  },
  rotationHint: {
    zh: "按名单顺序每天轮换，人人次数最多相差 1 次。",
    en: "Walks the list in order, day by day; everyone's count differs by at most one.",
  },
  perDay: { zh: "每天人数", en: "People a day" },
  moveUp: { zh: "上移", en: "Move up" },
  moveDown: { zh: "下移", en: "Move down" },
  isActive: { zh: "启用（停用的模板不生成值日）", en: "In use (a template that is off generates nothing)" },
  fixFirst: { zh: "请先改正：", en: "Please fix first:" },
  cancel: { zh: "取消", en: "Cancel" },
  back: { zh: "返回", en: "Back" },
  notFound: { zh: "找不到这个模板。", en: "This template was not found." },

  // Generate
  generateTitle: { zh: "生成学期值日表", en: "Generate a term" },
  generateHint: {
    zh: "按启用的模板生成，跳过假期和非上课日，调休上课日照常安排。手动调整过或换过班的时段保留不动。",
    en: "Uses the templates in use, skips holidays and days off, and includes make-up days. Slots edited by hand or swapped are kept.",
  },
  noTerms: {
    zh: "还没有学期。请先在“学校设置”中填写学期日期。",
    en: "No terms yet. Enter the term dates in School settings first.",
  },
  noActiveTemplates: { zh: "没有启用的模板，无法生成。", en: "No template is in use; nothing to generate." },
  term: { zh: "学期", en: "Term" },
  termOption: { zh: "{name}（{start} 至 {end}）", en: "{name} ({start} to {end})" },
  from: { zh: "从哪天开始", en: "Start on" },
  fromHint: { zh: "到学期结束为止", en: "Up to the end of the term" },
  badFrom: {
    zh: "开始日期应在 {start} 至 {end} 之间",
    en: "The start date must be between {start} and {end}",
  },
  preview: { zh: "预览", en: "Preview" },
  previewTitle: { zh: "预览：{from} 至 {to}", en: "Preview: {from} to {to}" },
  perKindLine: { zh: "{duty}：{n} 个时段", en: "{duty}: {n} slots" },
  nothingToGenerate: { zh: "这段时间没有要生成的时段。", en: "Nothing to generate in this range." },
  keptLine: {
    zh: "保留 {n} 个手动调整或换班的时段，不会改动",
    en: "{n} edited or swapped slots are kept as they are",
  },
  perPersonTitle: { zh: "每人次数（含保留的时段）", en: "Slots per person (kept ones included)" },
  person: { zh: "姓名", en: "Name" },
  total: { zh: "合计", en: "Total" },
  gapsAfter: { zh: "生成后仍有 {n} 个空缺", en: "{n} gaps remain after generating" },
  gapsAfterNone: { zh: "生成后没有空缺", en: "No gaps remain" },
  moreGaps: { zh: "……还有 {n} 个", en: "… and {n} more" },
  generate: { zh: "生成", en: "Generate" },
  generating: { zh: "正在生成…", en: "Generating…" },
  generated: {
    zh: "已生成 {n} 个时段，保存在本机，联网后自动同步。",
    en: "{n} slots generated and saved on this phone; they sync when online.",
  },

  // Timetable
  timetableTitle: { zh: "课程表（可选）", en: "Timetables (optional)" },
  timetableHint: {
    zh: "CSV 列：班级、星期、节次、科任教师（可加“年级”“科目”）。班级写成“三年级2班”；星期 1–7 或 一…日；教师写登录名或姓名。文件中出现的班级，课程表整张替换；有任何错误时整份不导入。",
    en: "CSV columns: class, weekday, period, teacher (grade and subject optional). Class as 三年级2班; weekday 1–7 or 一…日; teacher by login or name. A class in the file has its timetable replaced whole; a file with any error is not imported.",
  },
  downloadTemplate: { zh: "下载模板", en: "Download template" },
  chooseCsv: { zh: "选择 CSV 文件", en: "Choose a CSV file" },
  importing: { zh: "正在导入…", en: "Importing…" },
  imported: {
    zh: "已导入 {classes} 个班的课程表（{rows} 行），保存在本机，联网后自动同步。",
    en: "Imported the timetables of {classes} classes ({rows} rows); saved on this phone, they sync when online.",
  },
  importRefused: {
    zh: "没有导入。请改正以下问题后重新选择文件：",
    en: "Not imported. Fix these problems and choose the file again:",
  },
  line: { zh: "第 {n} 行：{reason}", en: "Line {n}: {reason}" },
  readFailed: { zh: "读取文件失败：{message}", en: "Could not read the file: {message}" },
  showClass: { zh: "查看班级课程表", en: "Show a class's timetable" },
  chooseClass: { zh: "（请选择班级）", en: "(choose a class)" },
  noTimetable: { zh: "这个班还没有课程表。", en: "This class has no timetable yet." },
  periodN: { zh: "第{n}节", en: "P{n}" },
  timetablesCount: { zh: "已有 {n} 个班的课程表", en: "{n} classes have a timetable" },

  // Print
  printTitle: { zh: "值日表", en: "Duty roster" },
  printIntro: {
    zh: "A4 横向打印，贴在公告栏。",
    en: "Prints on A4 landscape for the notice board.",
  },
  print: { zh: "打印", en: "Print" },
  printedAt: { zh: "打印时间：{time}", en: "Printed {time}" },
  printWeek: { zh: "{from} 至 {to}", en: "{from} to {to}" },
  time: { zh: "时间", en: "Time" },
  printFooter: {
    zh: "如需换班，请在“安全巡查”中申请并经总务处批准。",
    en: "To swap a duty, ask in Safety Rounds; the general-affairs office approves.",
  },
  signOffice: { zh: "总务处", en: "General-affairs office" },
});
