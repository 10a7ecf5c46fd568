/**
 * 插入标准自评表: the layout (the Beijing or Hunan preset, or another table family's standard blank
 * table, named by the family's name_zh / name_en), the year and whether to protect the sheet. The
 * controller builds the layout with the workbook's rule set and asks the host to add the sheet.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Radio,
  RadioGroup,
  SpinButton,
  Switch,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { FormEvent, useEffect, useState } from "react";
import { BUILTIN_FAMILIES } from "../../engine/families/catalog";
import {
  MAX_TEMPLATE_YEAR,
  MIN_TEMPLATE_YEAR,
  TemplateVariant,
} from "../../engine/template/layout";
import type { InsertTemplateRequest } from "../controller";
import type { Strings } from "../i18n";

const useStyles = makeStyles({
  content: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
});

export interface InsertTemplateDialogProps {
  open: boolean;
  strings: Strings;
  /** The layout offered first (the rule set's preset when it names one). */
  defaultVariant: TemplateVariant;
  /** The year offered first (last year: self-evaluations look back). */
  defaultYear: number;
  onCancel: () => void;
  onConfirm: (request: InsertTemplateRequest & { year: number; protect: boolean }) => void;
}

/** The families whose blank table is not one of the two presets (offered after them). */
const OTHER_LAYOUTS = BUILTIN_FAMILIES.filter((f) => f.template && !f.template.preset);

function validYear(y: number | null): y is number {
  return y !== null && Number.isInteger(y) && y >= MIN_TEMPLATE_YEAR && y <= MAX_TEMPLATE_YEAR;
}

export function InsertTemplateDialog({
  open,
  strings,
  defaultVariant,
  defaultYear,
  onCancel,
  onConfirm,
}: InsertTemplateDialogProps) {
  const styles = useStyles();
  const s = strings;
  // "beijing" / "hunan" (the presets) or a family's id.
  const [variant, setVariant] = useState<string>(defaultVariant);
  const [yearText, setYearText] = useState(String(defaultYear));
  const [protect, setProtect] = useState(true);
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (!open) return;
    setVariant(defaultVariant);
    setYearText(String(defaultYear));
    setProtect(true);
    setTried(false);
  }, [open, defaultVariant, defaultYear]);

  const year = /^\s*\d{4}\s*$/.test(yearText) ? Number(yearText) : null;
  const bad = !validYear(year);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!validYear(year)) return;
    if (variant === "beijing" || variant === "hunan") onConfirm({ variant, year, protect });
    else onConfirm({ variant: "beijing", family: variant, year, protect });
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{s.insertTemplateTitle}</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1 as="p">{s.insertTemplateIntro}</Body1>
              <Field label={s.templateVariantLabel}>
                <RadioGroup value={variant} onChange={(_, data) => setVariant(data.value)}>
                  <Radio value="beijing" label={s.templateVariantBeijing} />
                  <Radio value="hunan" label={s.templateVariantHunan} />
                  {OTHER_LAYOUTS.map((f) => (
                    <Radio
                      key={f.id}
                      value={f.id}
                      label={s.locale === "en-US" ? f.name_en : f.name_zh}
                    />
                  ))}
                </RadioGroup>
              </Field>
              <Field
                label={s.templateYearLabel}
                required
                hint={s.templateYearHint}
                validationMessage={tried && bad ? s.templateYearInvalid : undefined}
              >
                <SpinButton
                  min={MIN_TEMPLATE_YEAR}
                  max={MAX_TEMPLATE_YEAR}
                  step={1}
                  value={year}
                  displayValue={yearText}
                  onChange={(_, data) =>
                    setYearText(
                      data.value !== undefined && data.value !== null
                        ? String(data.value)
                        : (data.displayValue ?? "")
                    )
                  }
                />
              </Field>
              <Switch
                checked={protect}
                onChange={(_, data) => setProtect(data.checked)}
                label={s.templateProtect}
              />
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{s.cancel}</Button>
              </DialogTrigger>
              <Button type="submit" appearance="primary">
                {s.insertTemplateConfirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
