import styles from "../latent-browser.module.css";

/** "Go to latent": a GET form the list page answers with a redirect to /latents/<id>, or with why it cannot. */
export function LatentJump({ numLatents, coder, typed, error }: { numLatents: number; coder?: string; typed?: string; error?: string }) {
  return (
    <form className={styles.jump} method="get" action="/latents" data-testid="latent-jump">
      {coder ? <input type="hidden" name="coder" value={coder} /> : null}
      <label>
        Go to latent
        <input
          name="goto"
          inputMode="numeric"
          pattern="\d*"
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
