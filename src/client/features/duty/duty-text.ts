// The duty pages' own words (zh-CN first, English second): "responsible now", "my duties" and
// the home card. They load with the duty chunk (the home card's few words come along with it).
import { defineMessages } from "../../ui/i18n.ts";

export const dt = defineMessages({
  // Responsible now (/duty)
  title: { zh: "现在负责", en: "Responsible now" },
  noSchool: {
    zh: "学校资料尚未同步到本机。联网后会自动下载。",
    en: "The school's records are not on this phone yet. They download when online.",
  },
  campus: { zh: "全校", en: "Whole campus" },
  classTitle: { zh: "班级", en: "Class" },
  roomTitle: { zh: "宿舍", en: "Dorm room" },
  chooseClass: { zh: "选择班级", en: "Choose a class" },
  chooseRoom: { zh: "选择宿舍", en: "Choose a dorm room" },
  noClasses: { zh: "还没有设置班级", en: "No classes set up yet" },
  noRooms: { zh: "还没有设置宿舍", en: "No dorm rooms set up yet" },
  slotTimes: { zh: "{slot} {start}–{end}", en: "{slot} {start}–{end}" },
  holidaySlot: { zh: "节假日", en: "Non-school day" },
  period: { zh: "第 {n} 节", en: "period {n}" },
  nextHandover: { zh: "下次交接 {time}", en: "Next hand-over {time}" },
  nextHandoverDay: { zh: "下次交接 {day} {time}", en: "Next hand-over {day} {time}" },
  tomorrow: { zh: "明天", en: "tomorrow" },
  takeover: { zh: "接班：{names}", en: "Then: {names}" },
  takeoverGap: { zh: "接班：无人值班", en: "Then: nobody rostered" },
  gap: { zh: "本时段无人值班", en: "Nobody is on duty in this slot" },
  gapHint: {
    zh: "值日表上这个时段没有人，请联系总务处安排。",
    en: "The roster has nobody for this slot: ask the general-affairs office.",
  },
  vacation: { zh: "假期中，没有值班安排", en: "School holidays: nobody is rostered" },
  vacationHint: {
    zh: "不在学期内，值日表不排班。下学期开学后恢复。",
    en: "Outside the term the roster has no slots. It starts again with the next term.",
  },
  roomClosed: { zh: "上课时间，宿舍关闭", en: "Class time: the dorm is closed" },
  roomClosedHint: {
    zh: "寄宿生在教室，由班主任和科任教师负责；宿舍无需值班。",
    en: "The boarders are in class with their teachers; the dorm needs nobody.",
  },
  classTimeCampus: { zh: "上课时间", en: "Class time" },
  classTimeCampusHint: {
    zh: "各班由班主任和当节科任教师负责。选择班级查看具体老师。",
    en: "Each class is with its class teacher and the period's subject teacher. Choose a class below.",
  },
  nonSchoolDay: { zh: "今天不上课（节假日值班）", en: "No school today (holiday duty)" },
  call: { zh: "拨打 {name} {phone}", en: "Call {name} {phone}" },
  noPhone: { zh: "无电话", en: "no phone" },

  // Role words (SPEC §1)
  roleDuty_morning: { zh: "早活动值日教师", en: "Morning duty teacher" },
  roleDuty_noon: { zh: "中午值日教师", en: "Noon duty teacher" },
  roleDuty_evening: { zh: "晚活动值日教师", en: "Evening activity duty teacher" },
  roleCaretaker: { zh: "保育员", en: "Dorm caretaker" },
  roleHoliday: { zh: "节假日值班", en: "Holiday duty" },
  roleClassTeacher: { zh: "班主任", en: "Class teacher" },
  roleSubjectTeacher: { zh: "科任教师", en: "Subject teacher" },

  freshOffline: { zh: "离线：显示的是 {time} 同步的值日表", en: "Offline: roster as synced at {time}" },
  freshOfflineNever: {
    zh: "离线：尚未同步过，只显示本机上的值日表",
    en: "Offline: never synced; showing only what is on this phone",
  },
  freshOnline: { zh: "值日表同步于 {time}", en: "Roster synced at {time}" },
  freshNever: {
    zh: "尚未同步，只显示本机上的值日表",
    en: "Not synced yet; showing only what is on this phone",
  },
  myDutiesLink: { zh: "我的值班", en: "My duties" },
  swapsLink: { zh: "换班", en: "Swaps" },
  rosterLink: { zh: "值日表（管理）", en: "Roster (admin)" },

  // My duties (/my-duties)
  myTitle: { zh: "我的值班", en: "My duties" },
  myIntro: { zh: "今后 14 天", en: "The next 14 days" },
  myNone: {
    zh: "今后 14 天没有您的值班。",
    en: "You have no duties in the next 14 days.",
  },
  today: { zh: "今天", en: "Today" },
  nightEnd: { zh: "次日 {time}", en: "{time} next day" },
  askSwap: { zh: "申请换班", en: "Ask a swap" },
  swapPending: { zh: "换班申请中", en: "Swap asked" },
  scopeCampus: { zh: "全校", en: "Whole campus" },
  classHandoverTitle: { zh: "放学交接", en: "Dismissal hand-over" },
  taskRound: { zh: "{round}：{n} 个校园区域", en: "{round}: {n} campus areas" },
  taskRoundNone: { zh: "{round}（尚未设置校园区域）", en: "{round} (no campus areas set up yet)" },
  taskReceiveFromClasses: {
    zh: "放学交接：接收寄宿生（各班班主任交来）",
    en: "Dismissal hand-over: receive the boarders from each class teacher",
  },
  taskHandToCaretaker: {
    zh: "就寝交接：把寄宿生交给保育员",
    en: "Bedtime hand-over: hand the boarders to the dorm caretaker",
  },
  taskReceiveBoarders: {
    zh: "就寝交接：接收寄宿生",
    en: "Bedtime hand-over: receive the boarders",
  },
  taskBedCheck: { zh: "查铺：夜间巡查宿舍床位", en: "Bed checks: walk the dorm at night" },
  taskHolidayAll: {
    zh: "全天负责全校安全（至次日 {time}）",
    en: "Responsible for the whole campus all day (until {time} next day)",
  },
  taskHandToEvening: {
    // Shown under the card titled 放学交接, so it does not repeat the title.
    zh: "把{class}寄宿生交给晚活动值日教师（{names}）",
    en: "Hand {class}'s boarders to the evening duty teacher ({names})",
  },
  nobodyYet: { zh: "尚未排班", en: "nobody rostered yet" },
  openRound: { zh: "去检查", en: "Check" },

  // Home card
  cardTitle: { zh: "现在负责", en: "Responsible now" },
  cardOpen: { zh: "查看", en: "Open" },
  cardMine: { zh: "今天我值：{duty} {start}–{end}", en: "My duty today: {duty} {start}–{end}" },
});
