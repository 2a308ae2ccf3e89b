import Link from "next/link";

export interface StartHereTargets {
  /** The best-scoring explained latent, to open first; absent before explanations exist. */
  latent?: { index: number; explanation: string | null; detectionScore: number | null };
  /** The latest finished run, absent before any. */
  runId?: string;
}

/** Three steps from the list of latents to one latent to what rewriting all of them costs. */
export function StartHere({ targets }: { targets: StartHereTargets }) {
  const { latent, runId } = targets;
  return (
    <section className="panel" aria-labelledby="start-here" data-testid="start-here">
      <h2 id="start-here">Start here</h2>
      <ol className="start-here">
        <li>
          <Link href="/latents?sort=detection">Browse the latents</Link> by detection score: each row is a latent, its
          explanation and how well the explanation predicts it.
        </li>
        <li>
          {latent ? (
            <>
              Open <Link href={`/latents/${latent.index}`}>latent {latent.index}</Link>
              {latent.explanation ? <> (&ldquo;{latent.explanation}&rdquo;)</> : null}: its top examples, then the explanation explorer — true,
              raw predicted and calibrated activations on one chart. Edit the explanation and re-simulate it.
            </>
          ) : (
            <>Open a latent: its top examples and the explanation explorer (none is explained yet).</>
          )}
        </li>
        <li>
          {runId ? (
            <>
              Read <Link href={`/runs/${runId}`}>run {runId}</Link>: the CE increase per fraction rewritten against zero ablation, where the
              loss comes from, and its <Link href={`/runs/${runId}/ledger`}>fix-first ledger</Link> of the latents whose simulation costs most.
            </>
          ) : (
            <>
              Read an evaluation <Link href="/runs">run</Link> (none has finished yet): the CE increase per fraction rewritten against zero
              ablation.
            </>
          )}
        </li>
      </ol>
    </section>
  );
}
