/**
 * "已标出 N 处" made actionable: 查看 selects the first marked cell in the workbook, 上一处/下一处
 * step through the others in sheet order. Each step selects the cell (and its sheet).
 */
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { ChevronLeftRegular, ChevronRightRegular, EyeRegular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import type { CellRef } from "../controller";
import { format, Strings } from "../i18n";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
  },
});

export function MarkSteps({
  marks,
  strings,
  onSelect,
}: {
  marks: readonly CellRef[];
  strings: Strings;
  onSelect: (mark: CellRef) => void;
}) {
  const styles = useStyles();
  /** The mark last shown; null until 查看. */
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => setAt(null), [marks]);
  if (marks.length === 0) return null;
  const go = (i: number) => {
    setAt(i);
    onSelect(marks[i]);
  };
  const current = at === null ? null : marks[at];
  return (
    <div className={styles.root} role="group" aria-label={strings.marksLabel}>
      <Button size="small" icon={<EyeRegular />} onClick={() => go(at ?? 0)}>
        {strings.marksShow}
      </Button>
      <Button
        size="small"
        appearance="subtle"
        icon={<ChevronLeftRegular />}
        disabled={at === null || at === 0}
        onClick={() => go((at ?? 0) - 1)}
      >
        {strings.marksPrevious}
      </Button>
      <Button
        size="small"
        appearance="subtle"
        icon={<ChevronRightRegular />}
        iconPosition="after"
        disabled={marks.length < 2 || at === marks.length - 1}
        onClick={() => go(at === null ? 0 : at + 1)}
      >
        {strings.marksNext}
      </Button>
      <Caption1 aria-live="polite">
        {current
          ? format(strings.marksPosition, {
              i: (at ?? 0) + 1,
              n: marks.length,
              cell: `${current.sheet}!${current.address}`,
            })
          : null}
      </Caption1>
    </div>
  );
}
