// The ledger's rows and its CSV file: the columns in the school's order, times in the school's
// time zone, and a file Excel opens (BOM, CRLF, quoting of commas, quotes and line breaks).
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { type Hazard, newHazard } from "../../../domain/hazard-machine.ts";
import { BOM, csvText } from "../../ui/csv-file.ts";
import {
  checkRange,
  LEDGER_COLUMNS,
  ledgerFileName,
  ledgerRow,
  ledgerTable,
  monthOf,
  rangeInstants,
} from "./ledger-rows.ts";

const TZ = "Asia/Shanghai";
const at = (local: string) => new Date(`${local}:00+08:00`);

function hazard(overrides: Partial<Hazard> & { id: string; foundAt?: string }): Hazard {
  const base = newHazard(
    {
      id: overrides.id,
      areaId: "area-stairs",
      place: "二楼东侧扶手",
      severity: "major",
      description: "扶手松动",
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: "s-fix",
      alertId: null,
    },
    {
      id: `m-${overrides.id}`,
      by: "s-find",
      foundAt: at("2026-11-30T09:12"),
      deadline: at("2026-11-30T20:30"),
    },
  );
  return { ...base, ...overrides };
}

const names = {
  staffName: (id: string) => ({ "s-find": "王老师", "s-fix": "周永红", "s-admin": "刘志华" })[id] ?? "?",
  areaName: (id: string) => ({ "area-stairs": "教学楼楼梯", "area-gate": "校门" })[id] ?? "?",
};

const closed = hazard({
  id: "h1",
  state: "closed",
  control: { text: "拉警戒线", photos: [], by: "s-fix", at: at("2026-11-30T10:00").toISOString() },
  rectification: {
    text: "已加固",
    photos: ["a".repeat(64)],
    by: "s-fix",
    at: at("2026-11-30T16:05").toISOString(),
  },
  closedBy: "s-admin",
  closedAt: at("2026-11-30T17:00").toISOString(),
});

describe("ledger rows", () => {
  it("has the columns in the paper ledger's order", () => {
    expect(LEDGER_COLUMNS).toEqual([
      "foundAt",
      "place",
      "description",
      "severity",
      "finder",
      "assignee",
      "deadline",
      "measures",
      "rectifiedAt",
      "verifiedBy",
      "status",
    ]);
    expect(ledgerTable([], names, TZ, "zh").headers).toEqual([
      "发现时间",
      "隐患地点",
      "隐患描述",
      "隐患等级",
      "发现人",
      "整改责任人",
      "整改期限",
      "整改及管控措施",
      "整改完成时间",
      "验收人",
      "状态",
    ]);
  });

  it("fills a verified hazard's row in the school's time zone and words", () => {
    expect(ledgerRow(closed, names, TZ, "zh")).toEqual({
      foundAt: "2026-11-30 09:12",
      place: "教学楼楼梯 二楼东侧扶手",
      description: "扶手松动",
      severity: "较大",
      finder: "王老师",
      assignee: "周永红",
      deadline: "2026-11-30 20:30",
      measures: "已加固；临时管控：拉警戒线",
      rectifiedAt: "2026-11-30 16:05",
      verifiedBy: "刘志华",
      status: "已验收关闭",
    });
    const open = ledgerRow(
      hazard({ id: "h2", state: "reported", assigneeId: null, place: "" }),
      names,
      TZ,
      "en",
    );
    expect(open.place).toBe("教学楼楼梯");
    expect(open.assignee).toBe("");
    expect(open.rectifiedAt).toBe("");
    expect(open.verifiedBy).toBe("");
    expect(open.status).toBe("Reported");
  });

  it("lists the oldest found first", () => {
    const later = hazard({ id: "h0", foundAt: at("2026-12-01T08:00").toISOString() });
    const table = ledgerTable([later, closed], names, TZ, "zh");
    expect(table.rows.map((r) => r[0])).toEqual(["2026-11-30 09:12", "2026-12-01 08:00"]);
  });
});

describe("ledger CSV", () => {
  const tricky = hazard({
    id: "h3",
    description: '门口有"流动摊点", 占道\n第二行',
    place: "=HYPERLINK(1)",
  });

  it("starts with a UTF-8 BOM and ends lines with CRLF, the header first", () => {
    const csv = csvText(ledgerTable([closed], names, TZ, "zh"));
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "发现时间,隐患地点,隐患描述,隐患等级,发现人,整改责任人,整改期限,整改及管控措施,整改完成时间,验收人,状态",
    );
    expect(lines[1]).toBe(
      "2026-11-30 09:12,教学楼楼梯 二楼东侧扶手,扶手松动,较大,王老师,周永红,2026-11-30 20:30,已加固；临时管控：拉警戒线,2026-11-30 16:05,刘志华,已验收关闭",
    );
  });

  it("quotes commas, quotes and line breaks so each field reads back whole", () => {
    const csv = csvText(ledgerTable([tricky], names, TZ, "zh"));
    expect(csv).toContain('"门口有""流动摊点"", 占道\n第二行"');
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[1]?.[2]).toBe('门口有"流动摊点", 占道\n第二行');
    expect(parsed.data[1]).toHaveLength(11);
  });

  it("keeps a cell that looks like a formula from running in Excel", () => {
    const csv = csvText(
      ledgerTable([hazard({ id: "h4", place: "", areaId: "x", description: "=1+1" })], names, TZ, "zh"),
    );
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: "\r\n" });
    expect(parsed.data[1]?.[2]).toBe("'=1+1");
  });
});

describe("ledger range", () => {
  it("defaults to a whole month and reads a range as instants in the school's zone", () => {
    expect(monthOf("2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(monthOf("2026-12-15")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(monthOf("2028-02-10")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(rangeInstants("2026-11-01", "2026-11-30", TZ)).toEqual({
      fromIso: "2026-10-31T16:00:00.000Z",
      toIso: "2026-11-30T16:00:00.000Z",
    });
  });

  it("refuses a bad or reversed range, or one longer than a year", () => {
    expect(checkRange("2026-11-01", "2026-11-30")).toBeUndefined();
    expect(checkRange("", "2026-11-30")).toBe("badFrom");
    expect(checkRange("2026-11-01", "2026-02-30")).toBe("badTo");
    expect(checkRange("2026-11-30", "2026-11-01")).toBe("reversed");
    expect(checkRange("2025-01-01", "2026-11-01")).toBe("tooLong");
  });

  it("names the file after the range", () => {
    expect(ledgerFileName("2026-11-01", "2026-11-30", "zh")).toBe(
      "隐患排查整改台账_2026-11-01_2026-11-30.csv",
    );
  });
});
