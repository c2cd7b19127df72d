// The school's words for its records and their fields (学生、班级、宿舍、区域…), how a value of
// each field reads, and what a refused change means for people. Shared by the admin pages and
// the needs-attention page; loaded with them, not with the first screen.
import { AREA_KIND_LABELS, type AreaKind } from "../../domain/area-kinds.ts";
import { ROLE_LABELS, type Role } from "../../domain/roles.ts";
import { SLOT_KINDS, SLOT_LABELS } from "../../domain/time-slots.ts";
import { classLabel, defineMessages, getLang } from "./i18n.ts";

export const et = defineMessages({
  typeSchool: { zh: "学校设置", en: "School settings" },
  typeStaff: { zh: "教职工", en: "Staff member" },
  typeClass: { zh: "班级", en: "Class" },
  typeDormRoom: { zh: "宿舍", en: "Dorm room" },
  typePupil: { zh: "学生", en: "Pupil" },
  typeArea: { zh: "区域", en: "Area" },
  typeChecklistItem: { zh: "检查项", en: "Checklist item" },
  typeHazard: { zh: "隐患", en: "Hazard" },
  typeRound: { zh: "检查记录", en: "Round" },
  typeDayClose: { zh: "结束今日检查", en: "Day close" },
  verbCreate: { zh: "新增", en: "New" },
  verbEdit: { zh: "修改", en: "Edit" },

  fieldTimeZone: { zh: "时区", en: "Time zone" },
  fieldName: { zh: "姓名", en: "Name" },
  fieldLogin: { zh: "登录名", en: "Login" },
  fieldRoles: { zh: "职务", en: "Roles" },
  fieldPhone: { zh: "手机号", en: "Phone" },
  fieldStaffActive: { zh: "账号启用", en: "Account enabled" },
  fieldGrade: { zh: "年级", en: "Grade" },
  fieldClassName: { zh: "班级名称", en: "Class name" },
  fieldClassTeacher: { zh: "班主任", en: "Class teacher" },
  fieldDormName: { zh: "宿舍名称", en: "Room name" },
  fieldBuilding: { zh: "宿舍楼", en: "Building" },
  fieldDormGender: { zh: "男生 / 女生宿舍", en: "Boys' / girls' room" },
  fieldCapacity: { zh: "床位数", en: "Beds" },
  fieldPupilName: { zh: "学生姓名", en: "Pupil's name" },
  fieldStudentNo: { zh: "学号", en: "Student number" },
  fieldGender: { zh: "性别", en: "Gender" },
  fieldClass: { zh: "班级", en: "Class" },
  fieldBoarder: { zh: "住宿生", en: "Boarder" },
  fieldDormRoom: { zh: "宿舍", en: "Dorm room" },
  fieldBed: { zh: "床位", en: "Bed" },
  fieldAreaName: { zh: "区域名称", en: "Area name" },
  fieldAreaKind: { zh: "区域类型", en: "Kind of area" },
  fieldResponsible: { zh: "区域责任人", en: "Responsible person" },
  fieldParentArea: { zh: "所属区域", en: "Part of" },
  fieldLabelZh: { zh: "检查项（中文）", en: "Item (Chinese)" },
  fieldLabelEn: { zh: "检查项（英文）", en: "Item (English)" },
  fieldWhyZh: { zh: "为什么要查（中文）", en: "Why it matters (Chinese)" },
  fieldWhyEn: { zh: "为什么要查（英文）", en: "Why it matters (English)" },
  fieldItemActive: { zh: "启用", en: "In use" },
  fieldPosition: { zh: "顺序", en: "Order" },

  yes: { zh: "是", en: "Yes" },
  no: { zh: "否", en: "No" },
  none: { zh: "（无）", en: "(none)" },
  male: { zh: "男", en: "Male" },
  female: { zh: "女", en: "Female" },
  maleRoom: { zh: "男生宿舍", en: "Boys" },
  femaleRoom: { zh: "女生宿舍", en: "Girls" },
  unknownRecord: { zh: "（已不在本机的记录）", en: "(a record not on this phone)" },

  reasonConflict: {
    zh: "别人已先修改了这条记录，您的修改没有保存到服务器。",
    en: "Someone else changed this record first; your change was not saved on the server.",
  },
  reasonInvalid: { zh: "内容不符合要求，服务器没有接受。", en: "The server did not accept the content." },
  reasonOutdated: {
    zh: "应用版本太旧，服务器无法处理，请更新应用。",
    en: "This app version is too old for the server; please update the app.",
  },
  reasonForbidden: { zh: "您没有做这项修改的权限。", en: "You are not allowed to make this change." },
  reasonNotYours: {
    zh: "这条记录是另一个人的，只能用他/她自己的登录提交。请让本人登录后重做。",
    en: "This change is someone else's and goes only with their own sign-in; ask them to sign in and redo it.",
  },
  reasonSignedOut: {
    zh: "提交时您的登录已失效，请重新登录后重做。",
    en: "Your session had ended when it was sent; log in again and redo it.",
  },
  reasonNotFound: { zh: "这条记录在服务器上已不存在。", en: "This record no longer exists on the server." },
  reasonRule: { zh: "不符合学校的规则：", en: "It breaks a school rule:" },
  reasonTechnical: {
    zh: "本机的记录编号出了问题，请把这条告诉总务处。",
    en: "This phone's entry numbering went wrong; please tell the general-affairs office.",
  },
  reasonServerError: { zh: "服务器出错，没有保存。", en: "The server failed and saved nothing." },
  reasonOther: { zh: "服务器没有接受这条修改。", en: "The server did not accept this change." },
  reasonPhotoNotYours: {
    zh: "照片不是你本人上传的，这条没有保存。请用自己拍的照片重新提交。",
    en: "A photo in it was uploaded by someone else; this was not saved. Submit it again with a photo you took.",
  },
  reasonTooLarge: {
    zh: "记录太长，这条没有保存。请新建一条记录，或请总务主任整理。",
    en: "The record is too long; this was not saved. Start a new record, or ask the general-affairs head to tidy it.",
  },

  ruleDuplicate: { zh: "已有别的记录使用“{key}”", en: 'Another record already uses "{key}"' },
  ruleBoarder: {
    zh: "住宿生必须有宿舍，走读生不能有宿舍",
    en: "A boarder needs a dorm room, and only a boarder has one",
  },
  ruleSelf: {
    zh: "不能停用自己的账号，也不能取消自己的总务主任职务",
    en: "You cannot disable your own account or remove your own admin role",
  },
  ruleLogin: {
    zh: "登录名“{login}”只能用 2–32 个字母、数字或 . _ -",
    en: 'Login "{login}" must be 2–32 letters, digits, . _ or -',
  },
  ruleMissing: { zh: "所选的{what}在学校中已不存在", en: "The chosen {what} no longer exists in the school" },
  ruleOwnParent: { zh: "区域不能属于它自己", en: "An area cannot be part of itself" },
});

export type EntityTypeName = "school" | "staff" | "class" | "dormRoom" | "pupil" | "area" | "checklistItem";

export function entityTypeLabel(type: EntityTypeName | string): string {
  switch (type) {
    case "school":
      return et("typeSchool");
    case "staff":
      return et("typeStaff");
    case "class":
      return et("typeClass");
    case "dormRoom":
      return et("typeDormRoom");
    case "pupil":
      return et("typePupil");
    case "area":
      return et("typeArea");
    case "checklistItem":
      return et("typeChecklistItem");
    case "hazard":
      return et("typeHazard");
    case "round":
      return et("typeRound");
    case "dayClose":
      return et("typeDayClose");
    default:
      return type;
  }
}

export function areaKindLabel(kind: AreaKind): string {
  return AREA_KIND_LABELS[kind][getLang()];
}

export function roleLabels(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]?.[getLang()] ?? r).join(getLang() === "zh" ? "、" : ", ");
}

export function genderLabel(gender: string | null): string {
  return gender === "male" ? et("male") : gender === "female" ? et("female") : et("none");
}

export function dormGenderLabel(gender: string | null): string {
  return gender === "male" ? et("maleRoom") : gender === "female" ? et("femaleRoom") : et("none");
}

/** Looks a referenced record's name up (staff, class, dorm room, area); undefined if unknown. */
export type NameLookup = (
  entityType: "staff" | "class" | "dormRoom" | "area",
  id: string,
) => string | undefined;

interface FieldSpec {
  key: string;
  label: () => string;
  show: (value: unknown, names: NameLookup) => string;
}

const text = (value: unknown) =>
  value === null || value === undefined || value === "" ? et("none") : String(value);
const yesNo = (value: unknown) => (value === true ? et("yes") : value === false ? et("no") : et("none"));
const ref =
  (entityType: "staff" | "class" | "dormRoom" | "area") =>
  (value: unknown, names: NameLookup): string =>
    typeof value === "string" ? (names(entityType, value) ?? et("unknownRecord")) : et("none");

const FIELDS: Record<EntityTypeName, FieldSpec[]> = {
  school: [
    { key: "timeZone", label: () => et("fieldTimeZone"), show: text },
    ...SLOT_KINDS.map((slot) => ({
      key: `timeSlots.${slot}`,
      label: () => SLOT_LABELS[slot][getLang()],
      show: (value: unknown) => {
        const times = value as { start?: string; end?: string } | undefined;
        return times?.start && times.end ? `${times.start}–${times.end}` : et("none");
      },
    })),
  ],
  staff: [
    { key: "name", label: () => et("fieldName"), show: text },
    { key: "login", label: () => et("fieldLogin"), show: text },
    {
      key: "roles",
      label: () => et("fieldRoles"),
      show: (v) => (Array.isArray(v) ? roleLabels(v as Role[]) : et("none")),
    },
    { key: "phone", label: () => et("fieldPhone"), show: text },
    { key: "isActive", label: () => et("fieldStaffActive"), show: yesNo },
  ],
  class: [
    { key: "grade", label: () => et("fieldGrade"), show: text },
    { key: "name", label: () => et("fieldClassName"), show: text },
    { key: "classTeacherId", label: () => et("fieldClassTeacher"), show: ref("staff") },
  ],
  dormRoom: [
    { key: "name", label: () => et("fieldDormName"), show: text },
    { key: "building", label: () => et("fieldBuilding"), show: text },
    { key: "gender", label: () => et("fieldDormGender"), show: (v) => dormGenderLabel(v as string | null) },
    { key: "capacity", label: () => et("fieldCapacity"), show: text },
  ],
  pupil: [
    { key: "name", label: () => et("fieldPupilName"), show: text },
    { key: "studentNo", label: () => et("fieldStudentNo"), show: text },
    { key: "gender", label: () => et("fieldGender"), show: (v) => genderLabel(v as string | null) },
    { key: "classId", label: () => et("fieldClass"), show: ref("class") },
    { key: "isBoarder", label: () => et("fieldBoarder"), show: yesNo },
    { key: "dormRoomId", label: () => et("fieldDormRoom"), show: ref("dormRoom") },
    { key: "bed", label: () => et("fieldBed"), show: text },
  ],
  area: [
    { key: "name", label: () => et("fieldAreaName"), show: text },
    {
      key: "kind",
      label: () => et("fieldAreaKind"),
      show: (v) => (typeof v === "string" && v in AREA_KIND_LABELS ? areaKindLabel(v as AreaKind) : text(v)),
    },
    { key: "responsibleStaffId", label: () => et("fieldResponsible"), show: ref("staff") },
    { key: "parentAreaId", label: () => et("fieldParentArea"), show: ref("area") },
    { key: "classId", label: () => et("fieldClass"), show: ref("class") },
  ],
  checklistItem: [
    {
      key: "areaKind",
      label: () => et("fieldAreaKind"),
      show: (v) => (typeof v === "string" && v in AREA_KIND_LABELS ? areaKindLabel(v as AreaKind) : text(v)),
    },
    { key: "labelZh", label: () => et("fieldLabelZh"), show: text },
    { key: "labelEn", label: () => et("fieldLabelEn"), show: text },
    { key: "whyZh", label: () => et("fieldWhyZh"), show: text },
    { key: "whyEn", label: () => et("fieldWhyEn"), show: text },
    { key: "isActive", label: () => et("fieldItemActive"), show: yesNo },
    { key: "position", label: () => et("fieldPosition"), show: text },
  ],
};

function pick(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export interface FieldComparison {
  key: string;
  label: string;
  theirs: string;
  mine: string;
  isDifferent: boolean;
}

/** The fields of two versions of a record side by side, as people read them. */
export function compareFields(
  entityType: EntityTypeName,
  theirs: unknown,
  mine: unknown,
  names: NameLookup,
): FieldComparison[] {
  return (FIELDS[entityType] ?? []).map((field) => {
    const a = pick(theirs, field.key);
    const b = pick(mine, field.key);
    return {
      key: field.key,
      label: field.label(),
      theirs: field.show(a, names),
      mine: field.show(b, names),
      isDifferent: JSON.stringify(a ?? null) !== JSON.stringify(b ?? null),
    };
  });
}

/** A record's name as people say it: 张三, 一年级1班, 男生1室, 教学楼楼梯… */
export function recordTitle(entityType: EntityTypeName, record: unknown): string {
  const r = (record ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  switch (entityType) {
    case "school":
      return str(r.name) || et("typeSchool");
    case "class":
      return typeof r.grade === "number" ? classLabel({ grade: r.grade, name: str(r.name) }) : str(r.name);
    case "checklistItem":
      return getLang() === "zh" ? str(r.labelZh) : str(r.labelEn) || str(r.labelZh);
    default:
      return str(r.name);
  }
}

/** What a refused change means, in the school's words; `detail` is the server's own message. */
export function refusalText(status: string, reason: string, detail: string): string {
  if (status === "conflict") return et("reasonConflict");
  switch (reason) {
    case "invalid_args":
      return et("reasonInvalid");
    case "unknown_type":
    case "unsupported_type_version":
      return et("reasonOutdated");
    case "forbidden":
      return et("reasonForbidden");
    case "actor_not_signed_in":
      return et("reasonSignedOut");
    case "actor_not_token_owner":
      return et("reasonNotYours");
    case "not_found":
      return et("reasonNotFound");
    case "rule_violation":
      return `${et("reasonRule")}${getLang() === "zh" ? "" : " "}${ruleText(detail)}`;
    case "mutation_id_reused":
    case "device_seq_reused":
      return et("reasonTechnical");
    case "server_error":
      return et("reasonServerError");
    case "too_large":
      return et("reasonTooLarge");
    case "photo_not_yours":
      return et("reasonPhotoNotYours");
    default:
      return et("reasonOther");
  }
}

const MISSING_WHAT: Record<string, () => string> = {
  "class teacher": () => et("fieldClassTeacher"),
  class: () => et("fieldClass"),
  "dorm room": () => et("fieldDormRoom"),
  "responsible person": () => et("fieldResponsible"),
  "parent area": () => et("fieldParentArea"),
};

/** The server's rule messages (reference-handlers.ts) in the school's words; others as they are. */
export function ruleText(message: string): string {
  const duplicate = /already uses "(.*)"/.exec(message);
  if (duplicate) return et("ruleDuplicate", { key: duplicate[1] ?? "" });
  if (message.startsWith("a boarder needs a dorm room")) return et("ruleBoarder");
  if (message.startsWith("you cannot disable your own account")) return et("ruleSelf");
  const login = /^login "(.*)" must be/.exec(message);
  if (login) return et("ruleLogin", { login: login[1] ?? "" });
  const missing = /^(.*) \S+ does not exist in this school$/.exec(message);
  if (missing) {
    const what = MISSING_WHAT[missing[1] ?? ""];
    if (what) return et("ruleMissing", { what: what() });
  }
  if (message === "an area cannot be its own parent") return et("ruleOwnParent");
  return message;
}
