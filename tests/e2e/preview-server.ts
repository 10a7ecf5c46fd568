/**
 * The browser preview's dev server for end-to-end tests: started on a free port in its e2e variant
 * (no source maps, no live reload; webpack.config.js), in its own process group so that stopping it
 * ends webpack's children too.
 */
import { ChildProcess, spawn } from "child_process";
import * as http from "http";
import * as net from "net";
import * as path from "path";

const ROOT = path.resolve(__dirname, "../..");
export const SERVER_START_MS = 90_000;

export interface PreviewServer {
  baseUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
    req.setTimeout(60_000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM"); // the server's own process group (spawned detached)
  } catch {
    child.kill("SIGTERM");
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts the server and waits until it answers (it holds requests back until webpack has compiled). */
export async function startPreviewServer(): Promise<PreviewServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}/`;
  let log = "";
  const child = spawn(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js"),
      "serve",
      "--mode",
      "development",
      "--env",
      "preview",
      "--env",
      "e2e",
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PREVIEW_PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    }
  );
  child.stdout?.on("data", (d) => (log += String(d)));
  child.stderr?.on("data", (d) => (log += String(d)));
  const deadline = Date.now() + SERVER_START_MS;
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the preview server exited (${child.exitCode}):\n${log.slice(-3000)}`);
      if ((await get(baseUrl)) === 200) break;
      if (Date.now() > deadline)
        throw new Error(
          `the preview server did not answer at ${baseUrl} within ${SERVER_START_MS / 1000} s:\n${log.slice(-3000)}`
        );
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { baseUrl, stop: () => stopChild(child) };
}
