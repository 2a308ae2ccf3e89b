import Link from "next/link";
import type { PromptLoss } from "@/lib/evaluate";

/** The test prompts the full calibrated rewrite hurts most, each linking to where its loss went. */
export function RunWorstPrompts({ prompts, runPath }: { prompts: readonly PromptLoss[]; runPath: string }) {
  return (
    <section className="panel" data-testid="worst-prompts">
      <h2>Where the loss went, prompt by prompt</h2>
      <p className="muted">
        The test prompts where rewriting every latent (calibrated) raises the CE most over the clean model. Each opens the clean and rewritten
        next-token distributions and the latents whose simulation errors cost the most there.
      </p>
      <table>
        <thead>
          <tr>
            <th>prompt</th>
            <th>clean CE, nats</th>
            <th>transcoder alone</th>
            <th>rewritten</th>
            <th>rewritten − clean</th>
          </tr>
        </thead>
        <tbody>
          {prompts.map((p) => (
            <tr key={p.prompt} data-testid="worst-prompt" data-prompt={p.prompt}>
              <td>
                <Link href={`${runPath}/prompts/${p.prompt}`}>{p.prompt}</Link>
              </td>
              <td>{p.cleanCeNats.toFixed(4)}</td>
              <td>{p.coderAloneCeNats.toFixed(4)}</td>
              <td>{p.rewrittenCeNats.toFixed(4)}</td>
              <td>{(p.rewrittenCeNats - p.cleanCeNats).toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
