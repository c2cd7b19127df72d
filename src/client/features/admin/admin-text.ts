// The admin pages' own words (zh-CN first, English second). They load with the admin chunk;
// field names shared with the needs-attention page live in ui/entity-text.ts.
import type { ScorePart } from "../../../domain/monthly-score.ts";
import { defineMessages } from "../../ui/i18n.ts";

export const ad = defineMessages({
  titleRead: { zh: "学校资料", en: "School records" },
  introEdit: {
    zh: "离线也能修改：保存后先存在本机（显示“待同步”），联网后自动同步。导入名单和账号工具需要网络。",
    en: "Works offline: a change is kept on this phone (marked “waiting to sync”) and syncs when online. CSV import and account tools need a network.",
  },
  introRead: {
    zh: "您可以查看学校资料；修改由总务主任负责。",
    en: "You can read the school's records; the general-affairs head edits them.",
  },
  readOnly: { zh: "只读：修改由总务主任负责", en: "Read only: the general-affairs head edits this" },
  noData: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  pendingTag: { zh: "待同步", en: "Unsent" },
  pendingCount: { zh: "{n} 条待同步", en: "{n} unsent" },
  disabledTag: { zh: "已停用", en: "Disabled" },
  notInUseTag: { zh: "未启用", en: "Not in use" },
  back: { zh: "返回", en: "Back" },
  save: { zh: "保存", en: "Save" },
  saving: { zh: "正在保存…", en: "Saving…" },
  cancel: { zh: "取消", en: "Cancel" },
  fixFirst: { zh: "请先改正：", en: "Please fix first:" },
  saveFailed: { zh: "没有保存：{message}", en: "Not saved: {message}" },
  savedPending: {
    zh: "已保存在本机，联网后自动同步。",
    en: "Saved on this phone; it syncs when online.",
  },
  notFound: {
    zh: "找不到这条记录，可能已被删除。",
    en: "This record was not found; it may have been removed.",
  },
  notSet: { zh: "（未指定）", en: "(not set)" },
  genderUnknown: { zh: "未填", en: "Not set" },
  search: { zh: "查找", en: "Find" },
  shownOf: {
    zh: "显示 {shown} 条，共 {n} 条。请输入姓名或选择班级缩小范围。",
    en: "Showing {shown} of {n}. Type a name or pick a class to narrow it down.",
  },
  countOf: { zh: "共 {n} 条", en: "{n} in all" },
  nothingFound: { zh: "没有找到", en: "Nothing found" },
  moveUp: { zh: "上移", en: "Move up" },
  moveDown: { zh: "下移", en: "Move down" },

  // Index
  sectionSchool: { zh: "学校设置", en: "School settings" },
  sectionSchoolHint: {
    zh: "作息时段（管理时段化）、学期与假期、上课节次、时区、月度评分规则",
    en: "Time slots, terms and holidays, bell schedule, time zone, monthly score rules",
  },
  sectionRoster: { zh: "值日表", en: "Duty roster" },
  sectionRosterHint: {
    zh: "周视图、轮值模板、生成学期值日表、打印",
    en: "Week view, rotation templates, generating a term, printing",
  },
  sectionSummaries: { zh: "每周安全小结", en: "Weekly safety summaries" },
  sectionSummariesHint: {
    zh: "各班提交情况、提醒、打印和导出",
    en: "Which classes submitted, reminders, print and export",
  },
  sectionEducation: { zh: "安全教育（六个一）", en: "Safety education" },
  sectionEducationHint: {
    zh: "本学期的讲座、演练、主题、板报和每周安全课",
    en: "This term's talks, drill, themes, bulletins and weekly lessons",
  },
  sectionMonth: { zh: "月度评比", en: "Monthly review" },
  sectionMonthHint: {
    zh: "各班得分、排名、先进班级和图表",
    en: "Scores, ranking, commended classes and charts",
  },
  sectionCommendation: { zh: "表彰名单", en: "Commendation list" },
  sectionCommendationHint: {
    zh: "安全先进班级和安全小卫士，可打印",
    en: "Commended classes and safety guardians, printable",
  },
  sectionStaff: { zh: "教职工", en: "Staff" },
  sectionClasses: { zh: "班级", en: "Classes" },
  sectionDorms: { zh: "宿舍", en: "Dorm rooms" },
  sectionPupils: { zh: "学生", en: "Pupils" },
  sectionAreas: { zh: "区域", en: "Areas" },
  sectionChecklists: { zh: "检查清单", en: "Checklists" },
  sectionImport: { zh: "导入名单（CSV）", en: "Import lists (CSV)" },
  sectionImportHint: { zh: "需要网络", en: "Needs a network" },
  sectionDevices: { zh: "设备", en: "Devices" },
  sectionDevicesHint: {
    zh: "本校的手机，谁登录着；丢失的手机在这里撤销（需要网络）",
    en: "The school's phones and who is signed in; revoke a lost one here (needs a network)",
  },
  devicesIntro: {
    zh: "手机丢了或被别人拿走时，在这里撤销它：它上面的所有登录立即失效，它下次联网时本校的资料会被删除。",
    en: "If a phone is lost or taken, revoke it here: every login on it ends at once, and the school's data on it is deleted when it next goes online.",
  },
  thisDevice: { zh: "本机", en: "This phone" },
  deviceLastSeen: { zh: "最近联系：{time}", en: "Last seen: {time}" },
  deviceRevokedAt: { zh: "已于 {time} 撤销", en: "Revoked {time}" },
  deviceSignedIn: { zh: "登录着：{names}", en: "Signed in: {names}" },
  deviceNobodyLast: { zh: "没有人登录（最后一位：{name}）", en: "Nobody signed in (last: {name})" },
  deviceNobody: { zh: "没有人登录", en: "Nobody signed in" },
  devicesRevoked: { zh: "已撤销（{n}）", en: "Revoked ({n})" },
  revoke: { zh: "撤销这部手机", en: "Revoke this phone" },
  revokeConfirm: { zh: "确认撤销", en: "Revoke" },
  revokeExplain: {
    zh: "撤销后这部手机上的人都要重新登录，手机上还没发出的记录会丢失。确定吗？",
    en: "Everyone on this phone will need to log in again, and records on it not yet sent are lost. Are you sure?",
  },
  deviceRevokedDone: { zh: "已撤销手机 {id}", en: "Phone {id} revoked" },
  countPeople: { zh: "{n} 人", en: "{n} people" },
  classSize: { zh: "{n} 人", en: "{n} pupils" },
  countClasses: { zh: "{n} 个班", en: "{n} classes" },
  countRooms: { zh: "{n} 间", en: "{n} rooms" },
  countPupils: { zh: "{n} 人，住宿生 {boarders} 人", en: "{n} pupils, {boarders} boarders" },
  countAreas: { zh: "{n} 个（校园、教室、周边）", en: "{n} (campus, classrooms, perimeter)" },
  countItems: { zh: "{n} 项", en: "{n} items" },

  // School settings
  roundsTitle: { zh: "三查时间（早查、午查、晚查）", en: "Round windows (morning, noon, evening)" },
  roundsHint: {
    zh: "每天三次排查各自的时间段；超过结束时间未查即为“漏查”。",
    en: "Each daily round's window; a round not recorded by its end is missed.",
  },
  roundsFromSlots: { zh: "按作息时段恢复默认", en: "Defaults from the time slots" },
  allowEarlyRounds: { zh: "提前做的检查也算数", en: "Rounds done early count" },
  allowEarlyRoundsHint: {
    zh: "默认不算：在时间段开始前做的检查记为“提前”，看板、我的检查、每周小结和月度评比都不计入。",
    en: "Off by default: a round done before its window opens is kept as early and does not count on the board, in my rounds, the weekly summary or the monthly score.",
  },
  rollCallsTitle: { zh: "点名时间（放学、就寝、查寝）", en: "Roll-call windows" },
  rollCallsHint: {
    zh: "在时间段之外点名要填写原因（如提前放学）；结束早于开始表示跨到第二天早上。交接晚于时段开始 30 分钟仍记为“迟交”。",
    en: "A roll call outside its window asks for a reason (e.g. early dismissal); an end before the start runs into the next morning. A hand-over 30 min past its slot's start is still marked late.",
  },
  schoolDaysTitle: { zh: "上课日", en: "School days" },
  schoolDaysHint: {
    zh: "只有上课日需要三查；非上课日发现的隐患，期限为下一个上课日上午上课前。",
    en: "Rounds are due on school days only; a hazard found on another day is due before classes on the next school day.",
  },
  errNoSchoolDays: { zh: "请至少选择一个上课日", en: "Choose at least one school day" },
  escalationTitle: { zh: "超期隐患逐级上报", en: "Escalation of overdue hazards" },
  escalationHint: {
    zh: "隐患超过整改期限后，按管理网络逐级上报的时间（超期后多少分钟）。",
    en: "Minutes after a hazard's deadline at which it climbs the management network.",
  },
  minutesAfterDeadline: { zh: "分钟（超期后）", en: "min after deadline" },
  slotsTitle: { zh: "作息时段", en: "Time slots" },
  slotsHint: {
    zh: "每个时段的结束时间要等于下一个时段的开始时间，六个时段合计 24 小时。",
    en: "Each slot ends where the next begins; the six slots cover 24 hours.",
  },
  slotStart: { zh: "{slot}开始", en: "{slot} starts" },
  slotEnd: { zh: "{slot}结束", en: "{slot} ends" },
  defaultTimes: { zh: "恢复默认时间", en: "Restore the default times" },
  timeZoneHint: {
    zh: "一般为 Asia/Shanghai（北京时间）",
    en: "Usually Asia/Shanghai (China Standard Time)",
  },

  termsTitle: { zh: "学期", en: "Terms" },
  termsHint: {
    zh: "学期以外的日子（寒暑假）不上课；还没有填学期时，全年按上课日计算。",
    en: "Days outside every term (the vacations) have no school; with no terms entered, school runs on the school days all year.",
  },
  termName: { zh: "学期名称", en: "Term name" },
  termNameHint: { zh: "例如：2026年秋季学期", en: "e.g. 2026 autumn term" },
  holidaysTitle: { zh: "假期", en: "Holidays" },
  holidaysHint: {
    zh: "学期中放假的日子，例如国庆节、元旦；不安排值日和三查。",
    en: "Days off inside a term, e.g. National Day; no duties or rounds.",
  },
  holidayName: { zh: "假期名称", en: "Holiday name" },
  holidayNameHint: { zh: "例如：国庆节", en: "e.g. National Day" },
  rangeStart: { zh: "开始日期", en: "Start" },
  rangeEnd: { zh: "结束日期", en: "End" },
  makeUpTitle: { zh: "调休上课日", en: "Make-up school days" },
  makeUpHint: {
    zh: "因调休在周末上课的日子，按所顶替的星期几上课和排值日。",
    en: "A weekend day with school because of a moved holiday; it follows the timetable and roster of the weekday it stands for.",
  },
  makeUpDate: { zh: "日期", en: "Date" },
  makeUpFollows: { zh: "按星期几上课", en: "Runs the timetable of" },
  periodsTitle: { zh: "作息时间（上课节次）", en: "Bell schedule (periods)" },
  periodsHint: {
    zh: "每节课的开始和结束时间，按顺序排列，都要在上午或下午上课时段内。",
    en: "Each period's start and end, in order, inside the morning or afternoon class slot.",
  },
  periodN: { zh: "第 {n} 节", en: "Period {n}" },
  addTerm: { zh: "添加学期", en: "Add a term" },
  addHoliday: { zh: "添加假期", en: "Add a holiday" },
  addMakeUp: { zh: "添加调休上课日", en: "Add a make-up day" },
  addPeriod: { zh: "添加一节", en: "Add a period" },
  defaultPeriods: { zh: "恢复默认作息时间", en: "Restore the default bell schedule" },
  remove: { zh: "删除", en: "Remove" },
  removeItem: { zh: "删除{item}", en: "Remove {item}" },
  noneYet: { zh: "（还没有）", en: "(none yet)" },
  errNoPeriods: { zh: "作息时间至少要有一节课", en: "The bell schedule needs at least one period" },
  errTooManyPeriods: { zh: "作息时间最多 12 节", en: "At most 12 periods" },
  scoreTitle: { zh: "月度评分规则", en: "Monthly score rules" },
  scoreHint: {
    zh: "每项得分 = 分值 × 完成比例，各项相加即为班级当月得分；没有可计的（例如本月没有发现隐患）按满分计。",
    en: "Each part scores its weight × the share done; the parts add up to a class's month. A part with nothing to count (e.g. no hazards found) counts as full.",
  },
  scorePoints: { zh: "分", en: "points" },
  scoreWeight: { zh: "{part}的分值", en: "Weight of {part}" },
  scoreSum: { zh: "合计 {n} 分", en: "Total {n} points" },
  scoreSumNot100: {
    zh: "合计 {n} 分（不是 100 分，满分即为 {n} 分）",
    en: "Total {n} points (not 100: a full score is {n})",
  },
  scoreSumUnknown: { zh: "合计：请先填好每一项", en: "Total: fill in every part first" },
  defaultScores: { zh: "恢复默认评分规则", en: "Restore the default score rules" },

  // Staff
  newStaff: { zh: "新增教职工", en: "Add a staff member" },
  staffSearch: { zh: "按姓名、登录名或职务查找", en: "Find by name, login or role" },
  rolesLegend: { zh: "职务（可多选）", en: "Roles (choose any)" },
  activeLabel: { zh: "账号启用（停用后不能登录）", en: "Account enabled (a disabled account cannot log in)" },
  loginHint: {
    zh: "2–32 个字母、数字或 . _ -，例如 zhangsan",
    en: "2–32 letters, digits, . _ -, e.g. zhangsan",
  },
  phoneHint: { zh: "选填", en: "Optional" },
  newStaffHint: {
    zh: "离线新增的账号还不能登录：联网后在本页“重置密码”，把一次性密码交给本人。",
    en: "An account added offline cannot log in yet: when online, use “Reset password” here and hand over the one-time password.",
  },
  toolsTitle: { zh: "账号工具（需要网络）", en: "Account tools (need a network)" },
  toolsOffline: { zh: "没有网络，联网后可用", en: "No network; available when online" },
  toolsNotSynced: {
    zh: "这个账号还没同步到服务器，同步后才能使用账号工具。",
    en: "This account has not reached the server yet; the tools work after it syncs.",
  },

  // Classes
  newClass: { zh: "新增班级", en: "Add a class" },
  classNameHint: { zh: "例如：1班", en: "e.g. 1班" },

  // Dorm rooms
  newDorm: { zh: "新增宿舍", en: "Add a dorm room" },
  dormNameHint: { zh: "例如：男生1室", en: "e.g. 男生1室" },
  buildingHint: { zh: "例如：学生宿舍楼", en: "e.g. 学生宿舍楼" },
  anyGender: { zh: "不限", en: "Either" },
  occupancy: { zh: "住 {n} 人 / {capacity} 床", en: "{n} of {capacity} beds" },

  // Pupils
  newPupil: { zh: "新增学生", en: "Add a pupil" },
  pupilSearch: { zh: "按姓名、学号或床位查找", en: "Find by name, student number or bed" },
  allClasses: { zh: "全部班级", en: "All classes" },
  allPupils: { zh: "全部学生", en: "All pupils" },
  boardersOnly: { zh: "住宿生", en: "Boarders" },
  dayOnly: { zh: "走读生", en: "Day pupils" },
  boarderLabel: { zh: "住宿生（在校住宿）", en: "Boarder (sleeps at school)" },
  dayPupil: { zh: "走读", en: "Day pupil" },
  chooseClass: { zh: "（请选择班级）", en: "(choose a class)" },
  chooseRoom: { zh: "（请选择宿舍）", en: "(choose a room)" },
  roomOption: { zh: "{name}（{n}/{capacity}）", en: "{name} ({n}/{capacity})" },
  bedHint: { zh: "例如：3号床", en: "e.g. 3号床" },
  studentNoHint: { zh: "例如：2026010101", en: "e.g. 2026010101" },

  // Areas
  newArea: { zh: "新增区域", en: "Add an area" },
  areaSearch: { zh: "按名称或责任人查找", en: "Find by name or responsible person" },
  allKinds: { zh: "全部", en: "All" },
  noParent: { zh: "（无，独立区域）", en: "(none, stands alone)" },
  kindHint: {
    zh: "校园由总务处查，教室由班主任查，周边由门卫查（三查）",
    en: "Campus: general-affairs office; classrooms: class teachers; perimeter: gatekeeper",
  },

  // Checklists
  newItem: { zh: "新增检查项", en: "Add an item" },
  checklistIntro: {
    zh: "每种区域一份检查清单，巡查时按顺序逐项检查。",
    en: "One checklist per kind of area, walked in this order on every round.",
  },
  itemActiveLabel: {
    zh: "启用（停用后不再出现在巡查清单中）",
    en: "In use (a disabled item no longer appears on rounds)",
  },
  positionHint: { zh: "数字小的排在前面", en: "Lower numbers come first" },

  // Validation
  errRequired: { zh: "请填写{field}", en: "Please enter the {field}" },
  errChoose: { zh: "请选择{field}", en: "Please choose the {field}" },
  errLoginFormat: {
    zh: "{field}只能用 2–32 个字母、数字或 . _ -",
    en: "{field}: use 2–32 letters, digits, . _ or -",
  },
  errTaken: { zh: "{field}“{value}”已被{who}使用", en: '{field} "{value}" is already used by {who}' },
  errRolesEmpty: { zh: "请至少选择一个{field}", en: "Choose at least one of the {field}" },
  errSelfDisable: {
    zh: "{field}：不能停用自己的账号",
    en: "{field}: you cannot disable your own account",
  },
  errSelfAdmin: {
    zh: "{field}：不能取消自己的总务主任职务",
    en: "{field}: you cannot remove your own general-affairs head role",
  },
  errPhone: {
    zh: "{field}应为 11 位手机号或带区号的固定电话",
    en: "{field}: an 11-digit mobile number or a landline with its area code",
  },
  errStudentNoFormat: {
    zh: "{field}只能由字母、数字和 - 组成，最长 32 位",
    en: "{field}: at most 32 letters, digits or -",
  },
  errWholeNumber: { zh: "{field}应为 {min}–{max} 的整数", en: "{field} must be a whole number {min}–{max}" },
  errRoomNeeded: { zh: "住宿生需要选择{field}", en: "A boarder needs a {field}" },
  errRoomGender: {
    zh: "{field}：{room}是{roomKind}，与学生性别不符",
    en: "{field}: {room} is for {roomKind}, which does not match the pupil's gender",
  },
  errRoomFull: {
    zh: "{field}：{room}已住满（{n}/{capacity}）",
    en: "{field}: {room} is full ({n}/{capacity})",
  },
  errBedTaken: {
    zh: "{field}“{bed}”在{room}已有{who}",
    en: '{field} "{bed}" in {room} is already {who}\'s',
  },
  errCapacityBelow: {
    zh: "{field}不能少于已住的 {n} 人",
    en: "{field} cannot be below the {n} pupils living there",
  },
  errClassroomClass: { zh: "教室区域需要选择{field}", en: "A classroom area needs a {field}" },
  errParentCycle: {
    zh: "{field}不能是它自己或它下面的区域",
    en: "{field} cannot be the area itself or one of its parts",
  },
  errTimeZone: {
    zh: "{field}“{value}”无效，应为例如 Asia/Shanghai",
    en: '{field} "{value}" is not valid; use e.g. Asia/Shanghai',
  },
  errTooLong: { zh: "{field}最多 {max} 个字", en: "{field} can have at most {max} characters" },
});

/** What each part of the monthly score counts (monthly-score.ts MS-1), one line under its weight. */
export const SCORE_PART_HINTS: Record<ScorePart, { zh: string; en: string }> = {
  rounds: { zh: "本班教室已做的巡查 ÷ 应做的巡查", en: "Classroom rounds done ÷ due" },
  hazardsOnTime: { zh: "按期整改的隐患 ÷ 发现的隐患", en: "Hazards fixed by their deadline ÷ found" },
  noUnaccounted: {
    zh: "本月没有学生下落不明得满分，否则 0 分",
    en: "Full points with no pupil unaccounted all month, else 0",
  },
  summariesOnTime: { zh: "按时提交小结的周 ÷ 应交的周", en: "Weeks with the summary on time ÷ weeks due" },
  lessons: { zh: "上了安全课的周 ÷ 周数", en: "Weeks with the safety lesson held ÷ weeks" },
};
