/**
 * Writing a command's output file so that it never replaces anything by accident: without
 * `overwrite`, the name is claimed atomically (a hard link of a finished temporary file, which
 * fails when the name exists; or an exclusive create where links are not available), so two runs
 * writing the same new path cannot both succeed. A failed write leaves no half file behind.
 */
import { promises as fs } from "fs";
import * as path from "path";

/** The output exists and `overwrite` was not asked for. */
export class OutputExistsError extends Error {
  override readonly name = "OutputExistsError";
  constructor(readonly file: string) {
    super(`${file} exists`);
  }
}

export async function writeOutputFile(
  file: string,
  data: Buffer,
  overwrite: boolean
): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  await fs.writeFile(tmp, data, { flag: "wx" });
  try {
    if (overwrite) {
      await fs.rename(tmp, file);
      return;
    }
    try {
      await fs.link(tmp, file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EEXIST") throw new OutputExistsError(file);
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw e;
      // No hard links here (some network and FAT file systems): an exclusive create instead.
      let handle;
      try {
        handle = await fs.open(file, "wx");
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === "EEXIST") throw new OutputExistsError(file);
        throw e2;
      }
      try {
        await handle.writeFile(data);
      } catch (e3) {
        await handle.close();
        await fs.rm(file, { force: true });
        throw e3;
      }
      await handle.close();
    }
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}
