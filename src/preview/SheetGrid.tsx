import {
  Caption1,
  Tab,
  TabList,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { KeyboardEvent, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { parseRange, RangePos } from "../engine/grid/a1";
import { HostError } from "../hosts/host";
import type { PreviewHost } from "../hosts/preview/preview-host";
import { cellTitle, GridCellView, sheetView } from "./sheet-view";
import type { PreviewStrings } from "./strings";

/**
 * A plain spreadsheet view of the active sheet of a PreviewHost: sheet tabs, column letters and
 * row numbers, merged cells spanning, fills, notes and formulas as tooltips, the selection outlined
 * and scrolled into view. Double-click a cell to type into it (Enter stores it, Esc cancels).
 *
 * The preview computes only our formulas (PreviewHost.formulaStatus): the tooltip of any formula
 * says how its value is known; a formula with no value shows its text, greyed, and one the engine
 * could no longer compute shows its last value, greyed.
 */

const ROW_HEADER_PX = 44;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    minWidth: 0,
    flexGrow: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: "auto",
    position: "relative",
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    tableLayout: "fixed",
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  colHeader: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    padding: `${tokens.spacingVerticalXXS} 0`,
    textAlign: "center",
  },
  corner: {
    left: 0,
    zIndex: 3,
  },
  rowHeader: {
    position: "sticky",
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    textAlign: "center",
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  cell: {
    position: "relative",
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    verticalAlign: "middle",
    cursor: "cell",
    height: "20px",
  },
  formula: {
    color: tokens.colorPaletteDarkGreenForeground2,
  },
  notComputed: {
    color: tokens.colorNeutralForeground3,
    fontStyle: "italic",
  },
  noted: {
    "::after": {
      content: '""',
      position: "absolute",
      top: 0,
      right: 0,
      borderTop: `6px solid ${tokens.colorPaletteRedBorder2}`,
      borderLeft: "6px solid transparent",
    },
  },
  inRange: {
    backgroundImage: `linear-gradient(${tokens.colorBrandBackground2}, ${tokens.colorBrandBackground2})`,
    backgroundBlendMode: "multiply",
  },
  selected: {
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-2px",
  },
  editor: {
    boxSizing: "border-box",
    width: "100%",
    font: "inherit",
    border: "none",
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    padding: 0,
    margin: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  footer: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  tabs: {
    flexGrow: 1,
    flexBasis: 0,
    minWidth: 0,
    overflowX: "auto",
    overflowY: "hidden",
  },
  tabList: {
    width: "max-content",
  },
  note: {
    flexShrink: 0,
    paddingRight: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
  },
  refused: {
    color: tokens.colorPaletteRedForeground1,
  },
});

function within(r: number, c: number, range: RangePos): boolean {
  return r >= range.top && r <= range.bottom && c >= range.left && c <= range.right;
}

function overlaps(cell: GridCellView, range: RangePos): boolean {
  return (
    cell.row <= range.bottom &&
    cell.row + cell.rowSpan - 1 >= range.top &&
    cell.col <= range.right &&
    cell.col + cell.colSpan - 1 >= range.left
  );
}

/** What the editor starts with: the formula, or the value as typed (not as formatted). */
function editText(cell: GridCellView): string {
  if (cell.formula) return cell.formula;
  if (cell.value === null) return "";
  if (typeof cell.value === "boolean") return cell.value ? "TRUE" : "FALSE";
  return String(cell.value);
}

export interface SheetGridProps {
  host: PreviewHost;
  strings: PreviewStrings;
}

export function SheetGrid({ host, strings }: SheetGridProps) {
  const styles = useStyles();
  const revision = useSyncExternalStore(host.revision.subscribe, host.revision.get);
  const sheet = useSyncExternalStore(host.activeSheet.subscribe, host.activeSheet.get);
  const selection = useSyncExternalStore(host.selection.subscribe, host.selection.get);
  const [editing, setEditingState] = useState<string | null>(null);
  // Set once an edit is settled (Enter, Esc or blur), so the blur of the closing editor does nothing.
  const settled = useRef(true);
  const setEditing = (address: string | null) => {
    settled.current = address === null;
    setEditingState(address);
  };
  const scroller = useRef<HTMLDivElement>(null);

  const names = useMemo(() => host.visibleSheetNames(), [host, revision]);
  const ws = host.workbook?.getWorksheet(sheet);
  const range = useMemo<RangePos | null>(() => {
    if (!selection || selection.sheet !== sheet) return null;
    try {
      return parseRange(selection.address);
    } catch {
      return null;
    }
  }, [selection, sheet]);
  const focusRow = range?.top;
  const view = useMemo(
    () =>
      ws
        ? sheetView(ws, {
            focusRow,
            date1904: host.uses1904Dates,
            formulaStatus: (address) => host.formulaStatus(sheet, address),
          })
        : null,
    // revision: the cells changed; focusRow: a long sheet's window follows the selection.
    [ws, sheet, revision, focusRow, host]
  );

  // The drawn cell that holds the selection's top-left corner (a merged area's top-left cell).
  const anchor = useMemo(() => {
    if (!view || !range) return null;
    for (const line of view.rows) {
      for (const cell of line) {
        if (
          cell &&
          within(range.top, range.left, {
            top: cell.row,
            left: cell.col,
            bottom: cell.row + cell.rowSpan - 1,
            right: cell.col + cell.colSpan - 1,
          })
        ) {
          return cell.address;
        }
      }
    }
    return null;
  }, [view, range]);

  // A selection out of sight (a finding picked in the pane) is scrolled to the middle; one already
  // in view (a click in the grid) stays put.
  useEffect(() => {
    const box = scroller.current;
    if (!anchor || !box) return;
    const el = box.querySelector<HTMLElement>(`td[data-address="${anchor}"]`);
    if (!el) return;
    const view = box.getBoundingClientRect();
    const cell = el.getBoundingClientRect();
    const header = box.querySelector("thead")?.getBoundingClientRect().height ?? 0;
    const inView =
      cell.top >= view.top + header &&
      cell.bottom <= view.bottom &&
      cell.left >= view.left + ROW_HEADER_PX &&
      cell.right <= view.right;
    if (!inView) el.scrollIntoView({ block: "center", inline: "center" });
  }, [anchor, selection]);

  // Why the last edit was refused (a locked cell of a protected sheet …), shown until the next edit.
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    settled.current = true;
    setEditingState(null);
    setRefused(null);
  }, [sheet, host]);

  if (!view) return null;

  const commit = async (cell: GridCellView, text: string) => {
    if (settled.current) return;
    setEditing(null);
    if (text === editText(cell)) return;
    try {
      await host.editCell(sheet, cell.address, text);
      setRefused(null);
    } catch (e) {
      setRefused(
        e instanceof HostError
          ? strings.language === "en"
            ? e.message_en
            : e.message_zh
          : strings.editFailed
      );
    }
  };

  const onEditorKey = (cell: GridCellView) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void commit(cell, e.currentTarget.value);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setEditing(null);
    }
  };

  const windowed = view.firstRow > 0 || view.lastRow + 1 < view.usedRows;

  return (
    <section className={styles.root} aria-label={strings.gridLabel}>
      <div className={styles.scroller} ref={scroller}>
        <table
          className={styles.table}
          role="grid"
          aria-label={sheet}
          data-sheet={sheet}
          aria-readonly={false}
        >
          <colgroup>
            <col style={{ width: ROW_HEADER_PX }} />
            {view.columnWidths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className={mergeClasses(styles.colHeader, styles.corner)} aria-hidden />
              {view.columnNames.map((n) => (
                <th key={n} scope="col" className={styles.colHeader}>
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((line, i) => {
              const r = view.firstRow + i;
              return (
                <tr key={r}>
                  <th scope="row" className={styles.rowHeader}>
                    {r + 1}
                  </th>
                  {line.map((cell) => {
                    if (!cell) return null;
                    const isAnchor = cell.address === anchor;
                    const inRange = !!range && overlaps(cell, range);
                    const status = cell.formulaStatus;
                    // A formula with no value shows its text; one no longer computed, its last value.
                    const noValue = status === "uncomputed" && cell.text === "";
                    return (
                      <td
                        key={cell.address}
                        role="gridcell"
                        rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
                        colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
                        className={mergeClasses(
                          styles.cell,
                          cell.formula ? styles.formula : undefined,
                          noValue || status === "stale" ? styles.notComputed : undefined,
                          cell.note ? styles.noted : undefined,
                          inRange && !isAnchor ? styles.inRange : undefined,
                          isAnchor ? styles.selected : undefined
                        )}
                        style={{
                          backgroundColor: cell.fill ?? undefined,
                          textAlign: cell.align,
                          fontWeight: cell.bold ? 600 : undefined,
                        }}
                        title={cellTitle(cell, strings.formulaStatus)}
                        data-address={cell.address}
                        data-formula={cell.formula ?? undefined}
                        data-formula-status={status ?? undefined}
                        data-fill={cell.fill ?? undefined}
                        data-note={cell.note ?? undefined}
                        aria-selected={inRange}
                        onClick={() => void host.selectCell(sheet, cell.address)}
                        onDoubleClick={() => setEditing(cell.address)}
                      >
                        {editing === cell.address ? (
                          <input
                            className={styles.editor}
                            aria-label={cell.address}
                            autoFocus
                            defaultValue={editText(cell)}
                            onKeyDown={onEditorKey(cell)}
                            onBlur={(e) => void commit(cell, e.currentTarget.value)}
                          />
                        ) : noValue ? (
                          cell.formula
                        ) : (
                          cell.text
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.footer}>
        <div className={styles.tabs}>
          <TabList
            className={styles.tabList}
            size="small"
            selectedValue={sheet}
            onTabSelect={(_, data) => host.activateSheet(String(data.value))}
            aria-label={strings.sheetTabs}
          >
            {names.map((n) => (
              <Tab key={n} value={n} data-sheet={n}>
                {n}
              </Tab>
            ))}
          </TabList>
        </div>
        <Caption1
          className={mergeClasses(styles.note, refused !== null && styles.refused)}
          role={refused !== null ? "alert" : undefined}
        >
          {refused !== null
            ? refused
            : windowed
              ? strings.rowsWindow
                  .replace("{first}", String(view.firstRow + 1))
                  .replace("{last}", String(view.lastRow + 1))
                  .replace("{total}", String(view.usedRows))
              : strings.editHint}
        </Caption1>
      </div>
    </section>
  );
}
