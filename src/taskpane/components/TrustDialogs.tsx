import * as React from "react";
import { useEffect, useState } from "react";
import {
  Body1,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { PendingFill } from "../controller";
import { format, pick, Strings } from "../i18n";

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "40vh",
    overflowY: "auto",
  },
  content: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/**
 * 填充公式 that would change typed values: every change (table, cell, field, before → after) is
 * shown, and nothing is written until the user confirms.
 */
export function ConfirmFillDialog({
  pending,
  strings,
  onConfirm,
  onCancel,
}: {
  pending: PendingFill | null;
  strings: Strings;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const shown = (v: string) => (v === "" ? strings.blankValue : v);
  return (
    <Dialog open={pending !== null} onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.confirmFillTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1 as="p">{strings.confirmFillIntro}</Body1>
            <ul className={styles.list} aria-label={strings.confirmFillTitle}>
              {pending?.changes.map((c) => (
                <li key={`${c.sheet}!${c.address}`}>
                  {format(strings.confirmFillChange, {
                    table: `${c.projectName ?? c.sheet}（${c.sheet}!${c.tableRange}）`,
                    cell: c.address,
                    field: pick(strings, c.field_zh, c.field_en),
                    before: shown(c.before),
                    after: shown(c.after),
                  })}
                </li>
              ))}
            </ul>
            {pending && pending.skipped.length > 0 ? (
              <>
                <Body1 as="p">{strings.fillSkippedHeading}</Body1>
                <ul className={styles.list}>
                  {pending.skipped.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {strings.confirmFillCancel}
            </Button>
            <Button appearance="primary" onClick={onConfirm}>
              {strings.confirmFillWrite}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** 清除助手数据: says what goes (journal, ignores, marks; the rule set only if ticked). */
export function ClearAssistantDataDialog({
  open,
  strings,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  strings: Strings;
  onConfirm: (options: { rules: boolean }) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const [rules, setRules] = useState(false);
  useEffect(() => setRules(false), [open]);
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.clearAssistantDataTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            <Body1 as="p">{strings.clearAssistantDataIntro}</Body1>
            <Checkbox
              checked={rules}
              onChange={(_, d) => setRules(d.checked === true)}
              label={strings.clearAssistantDataRules}
            />
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {strings.cancel}
            </Button>
            <Button appearance="primary" onClick={() => onConfirm({ rules })}>
              {strings.clearAssistantDataConfirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
