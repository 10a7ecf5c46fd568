/**
 * `selfeval family infer <file.xlsx> -o family.json [--sheet S] [--range A1:K30]`: drafts a table
 * family for a table no known family reads and writes it as a rule set ({"version": 1, "families":
 * [draft]}), so `check --rules family.json` reads the table. The input is never modified; an
 * existing output is refused without --force.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { inferFamily, InferError } from "../engine/families/infer";
import { parseRange } from "../engine/grid/a1";
import { Grid } from "../engine/grid/snapshot";
import { readWorkbookFileWithState } from "../hosts/exceljs/read-workbook";
import type { ParsedArgs } from "./args";
import { readErrorOf } from "./check";
import { familyMessages, messages } from "./messages";
import type { Io } from "./main";
import { jsonSafe, visible } from "./sanitize";

const MAPPED_ZH = "已归类的表头（单元格 “表头” → 字段）：";
const MAPPED_EN = "headings mapped (cell “heading” → field):";

/** A family id from the sheet's name where it has letters or digits, else "taught". */
function idFor(sheet: string): string {
  const ascii = sheet
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return /^[a-z]/.test(ascii) ? `taught-${ascii}`.slice(0, 40) : "taught";
}

export async function runFamily(args: ParsedArgs, io: Io): Promise<number> {
  const fm = familyMessages(args.lang);
  const m = messages(args.lang);
  const en = args.lang === "en";
  const file = args.operands[1];
  const output = args.output!;
  if (path.resolve(output) === path.resolve(file)) {
    io.err(fm.outExists(output));
    return 2;
  }
  if (!args.force) {
    try {
      await fs.lstat(output);
      io.err(fm.outExists(output));
      return 2;
    } catch {
      // does not exist: fine
    }
  }
  let read;
  try {
    read = await readWorkbookFileWithState(file, args.sheet !== null ? { sheet: args.sheet } : {});
  } catch (e) {
    const r = readErrorOf(e);
    io.err(m.cannotRead(file, en ? r.en : r.zh));
    return 2;
  }
  const snapshot = read.snapshots[0];
  if (!snapshot) {
    io.err(fm.noSheet(file));
    return 2;
  }
  let result;
  try {
    result = inferFamily(new Grid(snapshot), {
      id: idFor(snapshot.sheetName),
      ...(args.range ? { range: parseRange(args.range) } : {}),
    });
  } catch (e) {
    if (e instanceof InferError) {
      io.err(fm.cannotInfer(file, en ? e.reason_en : e.reason_zh));
      return 2;
    }
    throw e;
  }
  const doc = { version: 1, families: [result.family] };
  try {
    await fs.writeFile(output, `${jsonSafe(JSON.stringify(doc, null, 2))}\n`, "utf8");
  } catch (e) {
    io.err(m.writeFailed(output, e instanceof Error ? e.message.split(/\r?\n/)[0] : String(e)));
    return 2;
  }
  // Heading texts and names are the workbook's: control characters (a heading's line break
  // too) are shown escaped, one heading per line.
  const heading = (h: { cell: string; text: string }) => `${h.cell} “${visible(h.text)}”`;
  const lines = [visible(fm.wrote(output, result.family.id, result.mapped.length))];
  lines.push(
    result.unmapped.length
      ? fm.unmapped(result.unmapped.map(heading).join(en ? ", " : "、"))
      : fm.allMapped
  );
  // The mapped headings with their cells, for the template owner to review before using the file.
  lines.push(en ? MAPPED_EN : MAPPED_ZH);
  for (const m of result.mapped) lines.push(`  ${heading(m)} → ${m.field}`);
  lines.push(
    result.table ? visible(fm.found(snapshot.sheetName, result.table.range.address)) : fm.notFound
  );
  lines.push(visible(fm.useIt(output, file)));
  io.out(`${lines.join("\n")}\n`);
  return result.table ? 0 : 1;
}
