import {
  Badge,
  Body1,
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Toolbar,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { ChangeEvent, ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { HostError } from "../hosts/host";
import { openWorkbookFromArrayBuffer, PreviewHost } from "../hosts/preview/preview-host";
import { Pane } from "../taskpane/components/Pane";
import type { Locale } from "../taskpane/i18n";
import { stringsFor } from "../taskpane/i18n";
import { SheetGrid } from "./SheetGrid";
import { previewStringsFor } from "./strings";

/**
 * The preview page: a toolbar (open a file, open the sample, download the result), the grid of
 * the open workbook, and beside it the very task pane the add-in shows in Excel, working on a
 * PreviewHost instead of Office.js.
 */

export const SAMPLE_URL = "seeds/beijing-2023.xlsx";
const LOGO = "assets/logo-filled.png";
const PANE_WIDTH = 400;

/** performance marks the page sets (read by the end-to-end test). */
export const MARK_PANE_RENDERED = "selfeval-pane-rendered";
export const MARK_PANE_PAINTED = "selfeval-pane-painted";

const useStyles = makeStyles({
  page: {
    height: "100vh",
    display: "flex",
    flexDirection: "column",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  bar: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: {
    margin: 0,
  },
  file: {
    color: tokens.colorNeutralForeground2,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    maxWidth: "320px",
  },
  spacer: {
    flexGrow: 1,
  },
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
  main: {
    flexGrow: 1,
    minHeight: 0,
    display: "flex",
  },
  left: {
    flexGrow: 1,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
  },
  empty: {
    margin: tokens.spacingHorizontalXXL,
    maxWidth: "640px",
  },
  message: {
    margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
  pane: {
    width: `${PANE_WIDTH}px`,
    flexShrink: 0,
    overflowY: "auto",
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

let paneMarked = false;

/** Marks the first render of the pane, and the frame after it (when it has been painted). */
function FirstRenderMark({ children }: { children: ReactNode }) {
  useLayoutEffect(() => {
    if (paneMarked || typeof performance === "undefined") return;
    paneMarked = true;
    performance.mark(MARK_PANE_RENDERED);
    requestAnimationFrame(() => setTimeout(() => performance.mark(MARK_PANE_PAINTED), 0));
  }, []);
  return <>{children}</>;
}

interface Opened {
  host: PreviewHost;
  /** Bumped per workbook: the pane starts afresh for each one. */
  id: number;
}

export function PreviewApp({ locale }: { locale: Locale }) {
  const styles = useStyles();
  const strings = stringsFor(locale);
  const ps = previewStringsFor(locale);
  const lang = locale === "en-US" ? "en" : "zh";
  const [opened, setOpened] = useState<Opened>(() => ({
    host: PreviewHost.empty({ lang }),
    id: 0,
  }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const host = opened.host;

  useEffect(() => () => opened.host.dispose(), [opened]);

  const open = async (load: () => Promise<{ bytes: ArrayBuffer; name: string }>) => {
    setBusy(true);
    setError(null);
    try {
      const { bytes, name } = await load();
      const next = await openWorkbookFromArrayBuffer(bytes, { fileName: name, lang });
      setOpened((prev) => ({ host: next, id: prev.id + 1 }));
    } catch (e) {
      const detail =
        e instanceof HostError
          ? lang === "en"
            ? e.message_en
            : e.message_zh
          : e instanceof Error
            ? e.message
            : String(e);
      setError(detail);
    } finally {
      setBusy(false);
    }
  };

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = "";
    if (file) void open(async () => ({ bytes: await file.arrayBuffer(), name: file.name }));
  };

  const openSample = () =>
    void open(async () => {
      const res = await fetch(SAMPLE_URL);
      if (!res.ok) throw new Error(`${SAMPLE_URL}: HTTP ${res.status}`);
      return { bytes: await res.arrayBuffer(), name: SAMPLE_URL.split("/").pop()! };
    });

  const download = async () => {
    const blob = await host.toBlob();
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = host.downloadName();
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <FluentProvider theme={webLightTheme} lang={locale}>
      <div className={styles.page}>
        <header className={styles.bar}>
          <Subtitle2 as="h1" className={styles.title}>
            {strings.productName}
          </Subtitle2>
          <Badge appearance="tint" color="brand">
            {ps.badge}
          </Badge>
          <Toolbar aria-label={ps.pageTitle} size="small">
            <Button appearance="primary" disabled={busy} onClick={() => fileInput.current?.click()}>
              {ps.openFile}
            </Button>
            <Button appearance="secondary" disabled={busy} onClick={openSample}>
              {ps.openSample}
            </Button>
            <Button
              appearance="secondary"
              disabled={busy || !host.workbook}
              onClick={() => void download()}
            >
              {ps.download}
            </Button>
          </Toolbar>
          <input
            ref={fileInput}
            className={styles.hiddenInput}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label={ps.fileInputLabel}
            data-testid="workbook-file"
            tabIndex={-1}
            onChange={onFile}
          />
          {busy ? <Spinner size="tiny" label={ps.opening} /> : null}
          {host.workbook ? (
            <Body1 className={styles.file} title={host.fileName} data-testid="open-file-name">
              {host.fileName}
            </Body1>
          ) : null}
          <span className={styles.spacer} />
          <Caption1>{ps.privacy}</Caption1>
        </header>

        <div className={styles.main}>
          <div className={styles.left}>
            {error ? (
              <MessageBar intent="error" layout="multiline" className={styles.message}>
                <MessageBarBody>
                  <MessageBarTitle>{ps.openFailed}</MessageBarTitle>
                  {error}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {host.workbook ? (
              <SheetGrid key={opened.id} host={host} strings={ps} />
            ) : (
              <MessageBar intent="info" layout="multiline" className={styles.empty}>
                <MessageBarBody>
                  <MessageBarTitle>{ps.noWorkbookTitle}</MessageBarTitle>
                  {ps.noWorkbookBody}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
          <aside className={styles.pane} aria-label={ps.paneLabel} data-testid="pane">
            <FirstRenderMark>
              <Pane key={opened.id} host={host} strings={strings} logoSrc={LOGO} />
            </FirstRenderMark>
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}
