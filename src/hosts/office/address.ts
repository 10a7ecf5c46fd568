import { columnIndex, quoteSheetName, RangePos, rangeToA1 } from "../../engine/grid/a1";

/**
 * Addresses as Office.js reports them: "Sheet1!B2:K40", "'My Sheet'!B2", "'It''s'!A1:C3",
 * full rows/columns ("Sheet1!A:K", "Sheet1!3:7"), and comma-separated lists of those
 * (RangeAreas.address: "Sheet1!A1:B2, Sheet1!D4:E5"). Quoted sheet names may hold commas and "!".
 */

export interface SheetRange {
  /** The sheet part without quotes, or null when the address had none. */
  sheet: string | null;
  range: RangePos;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** Splits "Sheet!A1:B2" at the "!" that ends the sheet part (outside quotes). */
export function splitSheet(address: string): { sheet: string | null; ref: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    // Quoted: '' is an escaped quote; the name ends at a lone quote followed by "!".
    let i = 1;
    let name = "";
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i];
      i++;
    }
    if (s[i + 1] === "!") return { sheet: name, ref: s.slice(i + 2) };
    throw new Error(`bad address: ${address}`);
  }
  const bang = s.lastIndexOf("!");
  return bang >= 0 ? { sheet: s.slice(0, bang), ref: s.slice(bang + 1) } : { sheet: null, ref: s };
}

function parseEnd(part: string): { row: number | null; col: number | null } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(part.trim());
  if (!m || (m[1] === "" && m[2] === "")) throw new Error(`bad reference: ${part}`);
  return { col: m[1] ? columnIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
}

/** Parses one area, with or without its sheet: "B2", "B2:K40", "A:K", "3:7", "'X'!B2:K40". */
export function parseSheetRange(address: string): SheetRange {
  const { sheet, ref } = splitSheet(address);
  const [a, b] = ref.split(":");
  const p = parseEnd(a);
  const q = b === undefined ? p : parseEnd(b);
  const top = Math.min(p.row ?? 0, q.row ?? 0);
  const bottom = Math.max(p.row ?? MAX_ROW, q.row ?? MAX_ROW);
  const left = Math.min(p.col ?? 0, q.col ?? 0);
  const right = Math.max(p.col ?? MAX_COL, q.col ?? MAX_COL);
  return { sheet, range: { top, left, bottom, right } };
}

/** Splits a comma-separated address list, leaving commas inside quoted sheet names alone. */
export function splitAddressList(list: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === "'") {
      if (quoted && list[i + 1] === "'") {
        cur += "''";
        i++;
        continue;
      }
      quoted = !quoted;
      cur += ch;
    } else if (ch === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else {
      cur += ch;
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Parses RangeAreas.address ("Sheet1!A1:B2, Sheet1!D4:E5") into 0-based ranges. */
export function parseAreaList(list: string): RangePos[] {
  return splitAddressList(list).map((a) => parseSheetRange(a).range);
}

/** "'My Sheet'!B7" */
export function qualify(sheet: string, range: RangePos | string): string {
  return `${quoteSheetName(sheet)}!${typeof range === "string" ? range : rangeToA1(range)}`;
}

export function rangeKey(r: RangePos): string {
  return `${r.top},${r.left},${r.bottom},${r.right}`;
}
