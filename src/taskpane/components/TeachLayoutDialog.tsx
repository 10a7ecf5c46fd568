/**
 * 识别此表格式: every heading of the table's header (funding and indicator headers, the funding row
 * labels, the block labels, the total-row label), each with a drop-down of the fields of its section
 * and 忽略, pre-set to the draft's field — the headings the draft could not place first, marked; a
 * preview of the table read with that mapping (range, indicators, 总分, findings, the columns read)
 * that follows every change; and 保存为表格式, which hands the family to the caller (it goes into
 * the workbook's rule set).
 */
import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useId, useMemo, useState } from "react";
import type { FamilyPatch } from "../../engine/families";
import type { GridSnapshot } from "../../engine/grid/snapshot";
import type { RuleSet } from "../../engine/settings";
import { format, pick, Strings } from "../i18n";
import {
  chosenField,
  familyWithMapping,
  fieldsOf,
  previewLayout,
  teachField,
  TeachDraft,
  TeachFieldId,
  TeachHeading,
  TeachMapping,
  TeachPreview,
} from "../teach";
import { teachStringsFor } from "../teach-i18n";

const useStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  /** The preview stays in view above the drop-downs while the list scrolls. */
  preview: {
    position: "sticky",
    top: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  /** A heading the draft could not place: a warning bar beside it, not colour alone (the hint says it too). */
  unmapped: {
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: "solid",
    borderInlineStartColor: tokens.colorStatusWarningBorderActive,
    paddingInlineStart: tokens.spacingHorizontalS,
  },
});

export interface TeachCandidate {
  draft: TeachDraft;
  snapshot: GridSnapshot;
}

export interface TeachLayoutDialogProps {
  /** The sheet being taught; null: the dialog is closed. */
  candidate: TeachCandidate | null;
  /** The rule set in force, which the family joins. */
  rules: RuleSet;
  strings: Strings;
  onCancel: () => void;
  onSave: (family: FamilyPatch, preview: TeachPreview) => void;
}

export function TeachLayoutDialog({
  candidate,
  rules,
  strings,
  onCancel,
  onSave,
}: TeachLayoutDialogProps) {
  const styles = useStyles();
  const t = teachStringsFor(strings);
  const ids = useId();
  const [mapping, setMapping] = useState<TeachMapping>({});
  useEffect(() => setMapping({}), [candidate]);

  const family = useMemo(
    () => (candidate ? familyWithMapping(candidate.draft, mapping) : null),
    [candidate, mapping]
  );
  const preview = useMemo(
    () => (candidate && family ? previewLayout(candidate.snapshot, rules, family) : null),
    [candidate, family, rules]
  );
  const fieldName = (id: string) => {
    const f = teachField(id);
    return f ? pick(strings, f.zh, f.en) : id;
  };
  const headings = candidate?.draft.headings ?? [];
  const unplaced = headings.filter((h) => !h.drafted);
  const placed = headings.filter((h) => h.drafted);

  const headingSelect = (h: TeachHeading) => {
    const value = chosenField(h, mapping);
    const hint = !h.drafted
      ? t.unmappedHint
      : value !== h.drafted
        ? format(t.changedHint, { field: fieldName(h.drafted) })
        : undefined;
    return (
      <Field
        key={h.cell}
        label={format(t.headingLabel, { cell: h.cell, text: h.text })}
        hint={hint}
        className={!h.drafted ? styles.unmapped : undefined}
      >
        <Select
          data-cell={h.cell}
          value={value}
          onChange={(_, d) => setMapping((m) => ({ ...m, [h.cell]: d.value as TeachFieldId | "" }))}
        >
          <option value="">{t.notMapped}</option>
          {fieldsOf(h.section).map((f) => (
            <option key={f.id} value={f.id}>
              {format(t.fieldOption, { name: pick(strings, f.zh, f.en), id: f.id })}
            </option>
          ))}
        </Select>
      </Field>
    );
  };

  return (
    <Dialog open={candidate !== null} onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{format(t.title, { sheet: candidate?.draft.sheet ?? "" })}</DialogTitle>
          <DialogContent className={styles.content}>
            {candidate ? (
              <>
                <Body1 as="p">{unplaced.length ? t.intro : t.allMapped}</Body1>
                <div className={styles.preview}>
                  <Subtitle2 as="h3">{t.previewHeading}</Subtitle2>
                  <MessageBar intent={preview?.range ? "info" : "warning"} layout="multiline">
                    <MessageBarBody data-testid="teach-preview" aria-live="polite">
                      {preview?.range
                        ? format(t.previewFound, {
                            range: preview.range,
                            indicators: preview.indicators,
                            stated: preview.statedTotal ?? "—",
                            computed: preview.computedTotal ?? "—",
                            findings: preview.findings,
                            errors: preview.errors,
                          })
                        : t.previewNotFound}
                      {preview?.range && preview.fields.length ? (
                        <>
                          <br />
                          {format(t.previewFields, {
                            fields: preview.fields
                              .map((f) =>
                                format(t.fieldColumn, { name: fieldName(f.id), column: f.column })
                              )
                              .join(t.listSeparator),
                          })}
                        </>
                      ) : null}
                    </MessageBarBody>
                  </MessageBar>
                </div>
                {unplaced.length ? (
                  <section className={styles.group} aria-labelledby={`${ids}-unmapped`}>
                    <Subtitle2 as="h3" id={`${ids}-unmapped`}>
                      {t.unmappedHeading}
                    </Subtitle2>
                    {unplaced.map(headingSelect)}
                  </section>
                ) : null}
                {placed.length ? (
                  <section className={styles.group} aria-labelledby={`${ids}-mapped`}>
                    <Subtitle2 as="h3" id={`${ids}-mapped`}>
                      {t.mappedHeading}
                    </Subtitle2>
                    {placed.map(headingSelect)}
                  </section>
                ) : null}
                <details>
                  <summary>
                    <Caption1>{t.autoMapped}</Caption1>
                  </summary>
                  <ul className={styles.list}>
                    {candidate.draft.fixed.map((m) => (
                      <li key={m.cell}>
                        <Caption1>
                          {format(t.autoMappedItem, {
                            cell: m.cell,
                            text: m.text,
                            field: fieldName(m.field),
                          })}
                        </Caption1>
                      </li>
                    ))}
                  </ul>
                </details>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{t.cancel}</Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              disabled={!preview?.range || !family}
              onClick={() => family && preview && onSave(family, preview)}
            >
              {t.save}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
