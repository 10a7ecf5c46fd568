/** A1 helpers. Rows and columns are 0-based everywhere in the engine; A1 is row 0, col 0. */

/** Names of the columns seen so far: every located cell prints its address, mostly in columns A–Z. */
const MAX_CACHED_COLUMN = 16384;
const COLUMN_NAMES: (string | undefined)[] = new Array<string | undefined>(MAX_CACHED_COLUMN);

export function columnName(col: number): string {
  if (col >= 0 && col < MAX_CACHED_COLUMN && Number.isInteger(col))
    return (COLUMN_NAMES[col] ??= spellColumn(col));
  return spellColumn(col);
}

function spellColumn(col: number): string {
  let n = col + 1;
  let name = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new Error(`bad column name: ${name}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function toA1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

export interface CellPos {
  row: number;
  col: number;
}

export interface RangePos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "B7" or "$B$7" (no sheet part). */
export function parseA1(address: string): CellPos {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`bad cell address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Parses "A1:C3", "A1" or "Sheet1!A1:C3" (the sheet part is dropped). */
export function parseRange(address: string): RangePos {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = bare.split(":");
  const p = parseA1(a);
  const q = b ? parseA1(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeToA1(r: RangePos): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Quotes a sheet name for use in a formula or a qualified address when it needs quoting. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
