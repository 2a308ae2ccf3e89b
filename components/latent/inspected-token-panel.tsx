import Link from "next/link";
import styles from "./latent-page.module.css";

export interface InspectedLatentRow {
  latent: number;
  activation: number;
  explanation: string | null;
}

export interface InspectedTokenPanelProps {
  latent: number;
  coder: string;
  text: string;
  activation: number;
  /** Where the token is ("context 12, position 40"), when it comes from the cache. */
  where?: string;
  /** null while loading or when unavailable (then `note` says why). */
  topLatents: InspectedLatentRow[] | null;
  note?: string;
  onClose: () => void;
}

const show = (text: string) => JSON.stringify(text);

/** One inspected token: this latent's exact value there and every latent active at that position, strongest first. */
export function InspectedTokenPanel({ latent, coder, text, activation, where, topLatents, note, onClose }: InspectedTokenPanelProps) {
  const query = `?coder=${encodeURIComponent(coder)}`;
  return (
    <div className={styles.inspector} role="region" aria-live="polite" aria-label="Inspected token" data-testid="token-inspector">
      <p>
        Token <code>{show(text)}</code>
        {where ? <span className="muted"> ({where})</span> : null}: latent {latent} ={" "}
        <span className={styles.inspectorValue} data-testid="inspected-activation">
          {activation === 0 ? "0 (inactive)" : activation.toPrecision(4)}
        </span>{" "}
        <button type="button" onClick={onClose} aria-label="Close the token inspector">
          Close
        </button>
      </p>
      {topLatents ? (
        topLatents.length > 0 ? (
          <>
            <p className="muted">Latents active at this token, strongest first:</p>
            <ol data-testid="inspected-latents">
              {topLatents.map((row) => (
                <li key={row.latent} className={styles.row} data-latent={row.latent}>
                  {row.latent === latent ? <strong>latent {row.latent}</strong> : <Link href={`/latents/${row.latent}${query}`}>latent {row.latent}</Link>}{" "}
                  <span className={styles.inspectorValue}>{row.activation.toPrecision(3)}</span>{" "}
                  {row.explanation ? <span>{row.explanation}</span> : <span className="muted">not explained</span>}
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p className="muted">No latent is active at this token.</p>
        )
      ) : (
        <p className="muted">{note ?? "Loading the latents active here…"}</p>
      )}
    </div>
  );
}
