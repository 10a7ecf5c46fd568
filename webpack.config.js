/*
 * Bundles the Excel task pane (src/taskpane) and the ribbon command page (src/commands) into dist/.
 *
 *   npx webpack --mode production    # dist/ for deployment; manifest URLs rewritten to urlProd
 *   npm run dev-server               # https://localhost:3000/ with the Office dev certificates
 *
 * Certificates are only requested when serving (`webpack serve`), so a plain build never needs them.
 *
 * Options of the add-in build:
 *   --env selfHostOfficeJs (or SELFEVAL_SELF_HOST_OFFICE_JS=1): serve office.js from the add-in's own
 *     origin — the files of the @microsoft/office-js package are copied to dist/office-js/ and the
 *     pages' script tag points there instead of Microsoft's CDN (for offices whose network cannot
 *     reach appsforoffice.microsoft.com; see the README for when, and what it costs).
 *   Third-party licence notices of everything bundled are written to dist/third-party-licenses.txt.
 *
 * With `--env preview` it builds the browser preview instead (src/preview: the same task pane on a
 * workbook opened locally, no Excel, no Office.js) — see previewConfig below:
 *
 *   npm run preview                  # http://localhost:3001/ (PREVIEW_PORT to change), seeds/ served
 *   npm run build:preview            # dist/preview/
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const fs = require("fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { LicenseWebpackPlugin } = require("license-webpack-plugin");

/** The script tag's source in src/taskpane/taskpane.html and src/commands/commands.html. */
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where a self-hosted build serves office.js from, relative to the pages. */
const officeJsSelf = "office-js/office.js";

/**
 * An HtmlWebpackPlugin page; with office.js self-hosted, the template's CDN script tag is
 * rewritten to the copy served next to it (and the build fails if the tag is not found).
 */
function page(filename, template, chunks, selfHostOfficeJs) {
  if (!selfHostOfficeJs) return new HtmlWebpackPlugin({ filename, template, chunks });
  const html = fs.readFileSync(path.resolve(__dirname, template), "utf8");
  if (!html.includes(officeJsCdn))
    throw new Error(`${template} has no office.js script tag to rewrite`);
  return new HtmlWebpackPlugin({
    filename,
    templateContent: html.split(officeJsCdn).join(officeJsSelf),
    chunks,
  });
}

/** Licence notices of the third-party code bundled into the pane (written to dist/). */
function licenseNotices() {
  return new LicenseWebpackPlugin({
    outputFilename: "third-party-licenses.txt",
    perChunkOutput: false,
    addBanner: false,
    // A package that ships no licence file (e.g. @fluentui/react-icons) is still listed, with the
    // licence its package.json declares.
    handleMissingLicenseText: (name, type) =>
      `${type ?? "UNKNOWN"} licence declared in ${name}'s package.json (the package ships no licence file).`,
  });
}

/** Where the manifest points during development (webpack-dev-server). */
const urlDev = "https://localhost:3000/";
/**
 * Where the built add-in is hosted. Production builds rewrite every `urlDev` in manifest.xml to
 * this; set SELFEVAL_URL_PROD (with a trailing slash) when building for a real deployment.
 */
const urlProd = process.env.SELFEVAL_URL_PROD || "https://selfeval.example.com/";

async function getHttpsOptions() {
  // Required lazily: only `webpack serve` needs (and may install) the localhost certificates.
  const devCerts = require("office-addin-dev-certs");
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

/** TypeScript through ts-loader (type checking is `npm run typecheck`'s job). */
const tsRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true } },
};

/** Port of the preview's dev server. */
const previewPort = Number(process.env.PREVIEW_PORT || 3001);

/**
 * The browser preview: one page, plain http on localhost, the sample workbooks in seeds/ served
 * as static files (copied into dist/preview/seeds/ by a build). ExcelJS resolves to its browser
 * bundle; the engine itself keeps the pane's formulas computed (no spreadsheet engine ships here).
 *
 * `--env e2e` (tests/e2e): no source maps (a faster first compile) and no live-reload client, so
 * a source file saved while the test runs cannot reload the page under it.
 */
function previewConfig(mode, serving, e2e) {
  const dev = mode === "development";
  return {
    mode,
    devtool: e2e ? false : dev ? "eval-cheap-module-source-map" : "source-map",
    entry: { preview: "./src/preview/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist", "preview"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule] },
    plugins: [
      ...["preview.html", "index.html"].map(
        (filename) =>
          new HtmlWebpackPlugin({
            filename,
            template: "./src/preview/preview.html",
            chunks: ["preview"],
          })
      ),
      ...(serving
        ? []
        : [
            new CopyWebpackPlugin({
              patterns: [
                { from: "assets/*.png", to: "assets/[name][ext]" },
                { from: "seeds/*.xlsx", to: "seeds/[name][ext]" },
              ],
            }),
          ]),
    ],
    // A local tool: ExcelJS, React and Fluent UI make a large bundle on purpose.
    performance: { hints: false },
    devServer: serving
      ? {
          host: "localhost",
          port: previewPort,
          server: "http",
          hot: false,
          liveReload: !e2e,
          static: [
            { directory: path.resolve(__dirname, "seeds"), publicPath: "/seeds", watch: false },
            { directory: path.resolve(__dirname, "assets"), publicPath: "/assets", watch: false },
          ],
          devMiddleware: { index: "preview.html" },
          client: e2e ? false : { overlay: { errors: true, warnings: false } },
        }
      : undefined,
  };
}

module.exports = async (env = {}, options = {}) => {
  const mode = options.mode || "production";
  const dev = mode === "development";
  const serving = Boolean(env.WEBPACK_SERVE);

  if (env.preview) return previewConfig(mode, serving, Boolean(env.e2e));
  const selfHostOfficeJs =
    Boolean(env.selfHostOfficeJs) || process.env.SELFEVAL_SELF_HOST_OFFICE_JS === "1";

  if (!dev && !urlProd.endsWith("/")) {
    throw new Error(`SELFEVAL_URL_PROD must end with "/": ${urlProd}`);
  }

  return {
    mode,
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // dist/cli/ belongs to the CLI (`npm run build:cli` compiles it just before this build, and
      // bin/selfeval.js loads it): clean everything else, never that.
      clean: { keep: /^cli([\\/]|$)/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [tsRule],
    },
    plugins: [
      page("taskpane.html", "./src/taskpane/taskpane.html", ["taskpane"], selfHostOfficeJs),
      page("commands.html", "./src/commands/commands.html", ["commands"], selfHostOfficeJs),
      licenseNotices(),
      new CopyWebpackPlugin({
        patterns: [
          ...(selfHostOfficeJs
            ? [
                {
                  // office.js loads its host- and language-specific files from its own folder.
                  // Copied as they are: already minified, never passed through Terser again.
                  from: path.join(
                    path.dirname(require.resolve("@microsoft/office-js/package.json")),
                    "dist"
                  ),
                  to: "office-js",
                  filter: (file) => !/(\.debug\.js|vsdoc\.js|\.d\.ts)$/.test(file),
                  info: { minimized: true },
                },
              ]
            : []),
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().split(urlDev).join(urlProd);
            },
          },
        ],
      }),
    ],
    optimization: {
      // Module concatenation would hide the ES modules merged into one scope (Fluent UI, Griffel …)
      // from license-webpack-plugin, which then lists only the CommonJS packages; without it every
      // bundled package is found and its notice shipped.
      concatenateModules: false,
    },
    performance: {
      // The task pane loads once per session from the add-in host; React + Fluent UI exceed
      // webpack's 244 KiB default hint without that being a problem worth a warning.
      maxEntrypointSize: 1024 * 1024,
      maxAssetSize: 1024 * 1024,
      // A self-hosted office.js is Microsoft's files as they are, loaded by office.js on demand.
      assetFilter: (file) => !file.startsWith("office-js/") && !file.endsWith(".map"),
    },
    devServer: serving
      ? {
          hot: true,
          headers: { "Access-Control-Allow-Origin": "*" },
          server: { type: "https", options: await getHttpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};

module.exports.urlDev = urlDev;
module.exports.officeJsCdn = officeJsCdn;
module.exports.officeJsSelf = officeJsSelf;
module.exports.urlProd = urlProd;
module.exports.previewPort = previewPort;
