/** Checks shared by the commands that write a copy of their input (fill, strip). */
import { promises as fs } from "fs";
import * as path from "path";
import type { ParsedArgs } from "./args";
import { messages } from "./messages";
import type { Io } from "./main";

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Same file: same resolved path, or (when both exist) same device and inode. */
export async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * True (after saying why on stderr) when the output may not be written: it is the input, or it
 * exists and --force was not given. The write itself claims the name atomically as well.
 */
export async function refuseOutput(
  input: string,
  output: string,
  args: ParsedArgs,
  io: Io
): Promise<boolean> {
  const m = messages(args.lang);
  if (await sameFile(input, output)) {
    io.err(m.fillSameFile(output));
    return true;
  }
  if (!args.force && (await exists(output))) {
    io.err(m.fillOutExists(output));
    return true;
  }
  return false;
}
