import type { Metadata } from "next";
import type { ReactNode } from "react";
import { BuildCacheButton } from "@/components/latents/build-cache-button";
import { getDatabase } from "@/db/client";
import { loadPacksPage } from "@/lib/browse/packs-page";
import type { CoderChoice } from "@/lib/browse/coder-choices";
import type { PackListEntry } from "@/lib/packs/pack-list";
import { AddPackForm } from "./add-pack-form";
import styles from "./packs.module.css";
import { UsePackButton } from "./use-pack-button";

export const metadata: Metadata = { title: "Packs" };
export const dynamic = "force-dynamic";

export default function PacksPage() {
  const { entries, activeCoders } = loadPacksPage(getDatabase());
  return (
    <>
      <h1>Packs</h1>
      <p className="muted">
        A pack is a Hugging Face GPT-NeoX snapshot, sparsify coders and a corpus. Every page shows the active pack; <code>rewrite pack add</code> and the
        form below register more.
      </p>
      {entries.map((entry) => (
        <PackEntry key={entry.name} entry={entry} coders={entry.active ? activeCoders : []} />
      ))}
      <AddPackForm />
    </>
  );
}

/** `coders`: the active pack's coder states (its uncached coders offer a build); empty for the others. */
function PackEntry({ entry, coders }: { entry: PackListEntry; coders: CoderChoice[] }) {
  const { state } = entry;
  return (
    <section className={`panel ${entry.active ? styles.active : ""}`} data-testid={`pack-${entry.name}`}>
      <h2>
        {entry.name}
        {entry.active ? <span className={styles.badge}>active</span> : null}
        {entry.fromEnvironment ? <span className="muted"> (REWRITE_PACK_DIR)</span> : null}
      </h2>
      {state.status === "ok" ? (
        <dl className="facts">
          <dt>Model</dt>
          <dd>
            GPT-NeoX, {state.pack.model.layers} layers, d_model {state.pack.model.dModel}, {state.pack.model.heads} heads, vocabulary{" "}
            {state.pack.model.vocabSize.toLocaleString("en-US")}; contexts of {state.pack.contextLength} tokens
          </dd>
          {state.pack.coders.map((coder) => {
            const cache = entry.caches.find((c) => c.hookpoint === coder.hookpoint);
            const choice = coders.find((c) => c.hookpoint === coder.hookpoint);
            return (
              <CoderRow key={coder.hookpoint} label={coder.kind === "transcoder" ? "Transcoder" : "Residual SAE"}>
                <code>{coder.hookpoint}</code>: {coder.numLatents.toLocaleString("en-US")} latents, k={coder.k}
                {coder.skipConnection ? ", skip connection" : ""};{" "}
                {cache ? `${cache.numTokens.toLocaleString("en-US")} tokens cached${cache.summarized ? "" : " (summaries unfinished)"}` : "not cached yet"}
                {choice?.cached ? (
                  <>
                    {" "}
                    · <a href={`/latents?coder=${encodeURIComponent(coder.hookpoint)}`}>browse its latents</a>
                  </>
                ) : null}
                {choice && !choice.cached && choice.buildable ? <BuildCacheButton hookpoint={coder.hookpoint} runningJobId={choice.buildJobId} /> : null}
              </CoderRow>
            );
          })}
          <dt>Identity</dt>
          <dd>
            <code>{state.identity}</code>
          </dd>
          <dt>Corpus</dt>
          <dd>{entry.corpus ? <><code>{entry.corpus.path}</code> ({entry.corpus.reading ?? entry.corpus.format})</> : "none: add one to cache activations"}</dd>
          <dt>Folder</dt>
          <dd>
            <code>{entry.dir}</code>
          </dd>
        </dl>
      ) : (
        <p className="error-text">{state.status === "missing" ? `No pack.json at ${state.dir}.` : state.error}</p>
      )}
      {entry.active ? null : <UsePackButton name={entry.name} />}
    </section>
  );
}

function CoderRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
