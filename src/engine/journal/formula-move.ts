/**
 * Formulas of a cell that moved. When rows are inserted or deleted, Excel rewrites the references
 * of every formula (=F5/E5 becomes =F6/E6), so a formula we wrote is no longer the text we
 * journalled, though nobody edited it. These helpers compare a formula with the journalled one up
 * to moved references, and move a journalled formula before it is put back. Hand-written (no
 * formula parser ships with the engine): a formula is split into A1 references and the text
 * between them, outside string literals; the formulas we write and compare are short (bounded
 * below), so the work is linear in their length.
 */

/** Longer formulas are compared as text only. */
const MAX_FORMULA = 8192;

/** An A1 reference not part of a name or function (LOG10( is a function, not column LOG row 10). */
const REF = /(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])/g;

interface Ref {
  colAbs: string;
  col: number;
  rowAbs: string;
  row: number;
}

type Piece = { text: string } | { ref: Ref };

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The formula as text pieces and references; string literals stay text. */
function pieces(formula: string): Piece[] {
  const out: Piece[] = [];
  const parts = formula.split(/("(?:[^"]|"")*")/);
  for (const part of parts) {
    if (part.startsWith('"')) {
      out.push({ text: part });
      continue;
    }
    let last = 0;
    for (const m of part.matchAll(REF)) {
      const at = m.index ?? 0;
      if (at > last) out.push({ text: part.slice(last, at) });
      out.push({
        ref: { colAbs: m[1], col: colNumber(m[2]), rowAbs: m[3], row: Number(m[4]) - 1 },
      });
      last = at + m[0].length;
    }
    if (last < part.length) out.push({ text: part.slice(last) });
  }
  return out;
}

const normText = (s: string) => s.replace(/\s+/g, "").toUpperCase();

/**
 * How each reference of `recorded` moved to become `now`: a list of [rows, cols] moves, one per
 * reference, or null when the formulas differ in anything but where their references point.
 */
export function referenceMoves(now: string | null, recorded: string): [number, number][] | null {
  if (!now || now.length > MAX_FORMULA || recorded.length > MAX_FORMULA) return null;
  const a = pieces(now.replace(/^=/, ""));
  const b = pieces(recorded.replace(/^=/, ""));
  // Adjacent text pieces merge so whitespace differences do not misalign the lists.
  const merged = (ps: Piece[]) => {
    const out: Piece[] = [];
    for (const p of ps) {
      const prev = out[out.length - 1];
      if ("text" in p && prev && "text" in prev) out[out.length - 1] = { text: prev.text + p.text };
      else out.push(p);
    }
    return out.filter((p) => !("text" in p) || normText(p.text) !== "");
  };
  const x = merged(a);
  const y = merged(b);
  if (x.length !== y.length) return null;
  const moves: [number, number][] = [];
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    if ("text" in p || "text" in q) {
      if (!("text" in p && "text" in q) || normText(p.text) !== normText(q.text)) return null;
      continue;
    }
    if (p.ref.colAbs !== q.ref.colAbs || p.ref.rowAbs !== q.ref.rowAbs) return null;
    moves.push([p.ref.row - q.ref.row, p.ref.col - q.ref.col]);
  }
  return moves;
}

/** The formula with every reference moved by `rows` and `cols`; null when one would leave the sheet. */
export function moveFormula(formula: string, rows: number, cols: number): string | null {
  if (rows === 0 && cols === 0) return formula;
  if (formula.length > MAX_FORMULA) return null;
  const lead = formula.startsWith("=") ? "=" : "";
  let out = lead;
  for (const p of pieces(formula.slice(lead.length))) {
    if ("text" in p) {
      out += p.text;
      continue;
    }
    const row = p.ref.row + rows;
    const col = p.ref.col + cols;
    if (row < 0 || col < 0 || row >= 1_048_576 || col >= 16_384) return null;
    out += `${p.ref.colAbs}${colLetters(col)}${p.ref.rowAbs}${row + 1}`;
  }
  return out;
}

/** Whether a formula holds any cell reference. */
export function hasReferences(formula: string): boolean {
  if (formula.length > MAX_FORMULA) return true;
  return pieces(formula).some((p) => "ref" in p);
}
