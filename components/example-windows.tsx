import type { ExampleWindow } from "@/lib/cache/latent-page-data";
import styles from "./latent-browser.module.css";
import { TokenActivations } from "./token-activations";

/** Example windows of one latent, each with its max activation, tokens shaded against the latent's max. */
export function ExampleWindows({ examples, scaleMax, testId }: { examples: ExampleWindow[]; scaleMax: number; testId: string }) {
  if (examples.length === 0) return <p className="muted">No examples: the latent never fired on the cached tokens.</p>;
  return (
    <ul className={styles.examples} data-testid={testId}>
      {examples.map((example) => (
        <li key={example.window}>
          <span className={styles.exampleMax} title={`context ${example.sequence}, tokens ${example.position}–${example.position + example.tokens.length - 1}`}>
            max {example.maxActivation.toPrecision(3)}
          </span>
          <TokenActivations tokens={example.tokens} scaleMax={scaleMax} />
        </li>
      ))}
    </ul>
  );
}
