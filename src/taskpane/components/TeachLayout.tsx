/**
 * The pane's 识别此表格式 offer: for each checked sheet where no family found a table but a
 * table-like header is there, it says so and opens TeachLayoutDialog. The family is saved through
 * the pane's rule-set save (PaneController.saveRules, which checks again); since a rule-set save
 * is not in the workbook's journal, the rule set from before is kept here and 撤销 puts it back —
 * only while the workbook still holds the rule set this save wrote, so a later edit is never
 * overwritten.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DismissRegular, TableEditRegular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import { ruleSetFromState } from "../../engine/policy/ruleset";
import type { RuleSet } from "../../engine/settings";
import type { WorkbookHost } from "../../hosts/host";
import type { PaneController, PaneState } from "../controller";
import { format, Strings } from "../i18n";
import { draftLayout, rulesWithFamily, sameRules } from "../teach";
import { teachStringsFor } from "../teach-i18n";
import { TeachCandidate, TeachLayoutDialog } from "./TeachLayoutDialog";

/** Sheets examined for a draft per check (each draft reads at most 400 × 60 cells). */
const MAX_SHEETS = 20;

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
});

export interface TeachLayoutProps {
  controller: PaneController;
  host: WorkbookHost;
  state: PaneState;
  strings: Strings;
  busy: boolean;
}

interface Saved {
  /** The rule set the workbook held before (null: none, the defaults applied). */
  previous: RuleSet | null;
  /** The rule set this save wrote. */
  written: RuleSet;
  text: string;
}

export function TeachLayout({ controller, host, state, strings, busy }: TeachLayoutProps) {
  const styles = useStyles();
  const t = teachStringsFor(strings);
  const [open, setOpen] = useState<TeachCandidate | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const rules = state.rules.rules;
  // A fixed rule set (given to the pane) is not the workbook's: a family saved there would not apply.
  const teachable = state.rules.source !== "fixed";

  const candidates = useMemo(() => {
    const out: TeachCandidate[] = [];
    if (!teachable || !state.results) return out;
    for (const s of state.results.filter((r) => r.tables.length === 0).slice(0, MAX_SHEETS)) {
      const snapshot = controller.sheetWithoutTable(s.sheet);
      const draft = snapshot ? draftLayout(snapshot, rules) : null;
      if (snapshot && draft) out.push({ draft, snapshot });
    }
    return out;
  }, [controller, state.results, rules, teachable]);

  const save = async (candidate: TeachCandidate, family: Parameters<typeof rulesWithFamily>[1]) => {
    setOpen(null);
    setMessage(null);
    const before = controller.getState().rules;
    const previous = before.source === "embedded" ? before.rules : null;
    const ok = await controller.saveRules(rulesWithFamily(before.rules, family));
    if (!ok) return;
    const after = controller.getState();
    const table = after.results
      ?.find((r) => r.sheet === candidate.draft.sheet)
      ?.tables.find(() => true);
    setSaved({
      previous,
      written: after.rules.rules,
      text: format(t.saved, {
        id: family.id,
        sheet: candidate.draft.sheet,
        range: table?.range ?? "—",
      }),
    });
  };

  const undo = async () => {
    if (!saved) return;
    const current = ruleSetFromState(await host.readState());
    if (current.source !== "embedded" || !sameRules(current.rules, saved.written)) {
      setSaved(null);
      setMessage(t.undoStale);
      return;
    }
    const ok = saved.previous
      ? await controller.saveRules(saved.previous)
      : await controller.restoreDefaultRules();
    if (!ok) return;
    setSaved(null);
    setMessage(t.undone);
  };

  if (!candidates.length && !saved && !message) return null;
  return (
    <section className={styles.section} aria-label={t.sectionLabel}>
      {candidates.map((c) => (
        <MessageBar key={c.draft.sheet} intent="info" layout="multiline">
          <MessageBarBody>{format(t.offer, { sheet: c.draft.sheet })}</MessageBarBody>
          <MessageBarActions>
            <Button icon={<TableEditRegular />} disabled={busy} onClick={() => setOpen(c)}>
              {t.teach}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ))}
      {saved ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{saved.text}</MessageBarBody>
          <MessageBarActions>
            <Button disabled={busy} onClick={() => void undo()}>
              {t.undo}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {message ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{message}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label={t.dismiss}
                icon={<DismissRegular />}
                onClick={() => setMessage(null)}
              />
            }
          />
        </MessageBar>
      ) : null}
      <TeachLayoutDialog
        candidate={open}
        rules={rules}
        strings={strings}
        onCancel={() => setOpen(null)}
        onSave={(family) => open && void save(open, family)}
      />
    </section>
  );
}
