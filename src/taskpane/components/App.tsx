import {
  Body1,
  FluentProvider,
  Image,
  Title3,
  makeStyles,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import type { Strings } from "../i18n";

export interface AppProps {
  strings: Strings;
}

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

function Shell({ strings }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Image src="assets/logo-filled.png" alt="" width={32} height={32} />
        <Title3 as="h1" className={styles.flush}>
          {strings.productName}
        </Title3>
      </header>
      <Body1 as="p" className={styles.flush}>
        {strings.tagline}
      </Body1>
    </main>
  );
}

/** The pane's root: Fluent UI theme and tokens around the shell. */
export default function App({ strings }: AppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <Shell strings={strings} />
    </FluentProvider>
  );
}
