import {
  Body1,
  FluentProvider,
  Image,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { WorkbookHost } from "../../hosts/host";
import type { Strings } from "../i18n";
import { Pane } from "./Pane";

export interface AppProps {
  strings: Strings;
  /** The workbook the pane works on: the Office host inside Excel; null when opened outside Office. */
  host?: WorkbookHost | null;
}

const LOGO = "assets/logo-filled.png";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
  },
  flush: {
    margin: 0,
  },
});

/** Opened in a browser without Excel: say what the pane is and where it runs. */
function OutsideOffice({ strings }: { strings: Strings }) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Image src={LOGO} alt="" width={32} height={32} />
        <Title3 as="h1" className={styles.flush}>
          {strings.productName}
        </Title3>
      </header>
      <Body1 as="p" className={styles.flush}>
        {strings.tagline}
      </Body1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{strings.outsideOfficeTitle}</MessageBarTitle>
          {strings.outsideOfficeBody}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}

/** The pane's root: the full pane when there is a workbook host, a friendly note when there is none. */
export default function App({ strings, host }: AppProps) {
  if (host) return <Pane host={host} strings={strings} logoSrc={LOGO} />;
  return (
    <FluentProvider theme={webLightTheme} lang={strings.locale}>
      <OutsideOffice strings={strings} />
    </FluentProvider>
  );
}
