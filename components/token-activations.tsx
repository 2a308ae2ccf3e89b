import styles from "./latent-browser.module.css";

export interface ShadedToken {
  text: string;
  activation: number;
}

/** Visible stand-ins for characters that would otherwise not show inside a highlighted token. */
function visibleText(text: string): string {
  return text.replaceAll("\n", "↵\n").replaceAll("\t", "→");
}

/**
 * Tokens shaded by one latent's activation: opacity grows with activation / scaleMax, in the "true activation"
 * colour; hovering an active token shows its value (title), which data-activation also carries for tests.
 */
export function TokenActivations({ tokens, scaleMax, testId }: { tokens: ShadedToken[]; scaleMax: number; testId?: string }) {
  return (
    <span className={styles.tokens} data-testid={testId}>
      {tokens.map((token, i) => {
        // Inactive tokens carry no attributes (most of a window): pages with 70 windows stay small.
        if (token.activation === 0) return <span key={i}>{visibleText(token.text)}</span>;
        const strength = scaleMax > 0 ? Math.min(1, Math.max(0, token.activation / scaleMax)) : 1;
        const value = token.activation.toPrecision(4);
        return (
          <span key={i} className={styles.token} title={value} data-activation={value} style={{ backgroundColor: `rgba(31, 119, 180, ${(0.1 + 0.8 * strength).toFixed(2)})` }}>
            {visibleText(token.text)}
          </span>
        );
      })}
    </span>
  );
}
