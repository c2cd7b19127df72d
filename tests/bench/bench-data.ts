// The same records for every side of a benchmark: area records of about 180 bytes of JSON with
// Chinese and English text, made from a seed.
import { monotonicFactory } from "ulidx";
import { seededRandom } from "./bench-kit.ts";

const PLACES = [
  "教学楼楼梯",
  "二楼走廊栏杆",
  "操场篮球架",
  "食堂后门",
  "男生宿舍三楼",
  "校门口斑马线",
  "配电房",
  "饮水点",
];
const NOTES = [
  "railing loose",
  "light broken",
  "wet floor",
  "socket cover missing",
  "gate latch stiff",
  "drain blocked",
];

export interface BenchArea {
  id: string;
  name: string;
  kind: "campus";
  responsibleStaffId: null;
  parentAreaId: null;
  classId: null;
}

export function benchAreas(count: number, seed = 42): BenchArea[] {
  const random = seededRandom(seed);
  const ulid = monotonicFactory(random);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    id: ulid(1_764_000_000_000 + i),
    name: `${pick(PLACES)} ${i} · ${pick(NOTES)} · 第${(i % 30) + 1}号检查点（${pick(NOTES)}）`,
    kind: "campus",
    responsibleStaffId: null,
    parentAreaId: null,
    classId: null,
  }));
}
