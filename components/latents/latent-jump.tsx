import { latentListSearchParams, type LatentListParams } from "@/lib/cache/latent-list-params";
import styles from "../latent-browser.module.css";

/**
 * "Go to latent": a GET form the list page answers with a redirect to /latents/<id>, or with why it cannot. The
 * list's state rides along as hidden fields, so an error shows above the same list the reader was on.
 */
export function LatentJump({ numLatents, state, typed, error }: { numLatents: number; state: LatentListParams; typed?: string; error?: string }) {
  return (
    <form className={styles.jump} method="get" action="/latents" data-testid="latent-jump">
      {[...latentListSearchParams(state)].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label>
        Go to latent
        <input
          name="goto"
          inputMode="numeric"
          placeholder={`0–${numLatents - 1}`}
          defaultValue={typed ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "latent-jump-error" : undefined}
          data-testid="latent-jump-input"
        />
      </label>
      <button type="submit">Open</button>
      {error ? (
        <p id="latent-jump-error" role="alert" className={styles.error} data-testid="latent-jump-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
