"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { encodeTypedText, type CoderRef, type TypedTextLatents } from "@/lib/browser/encode-typed-text";
import { loadBrowserEncoder } from "@/lib/browser/load-browser-encoder";
import { fetchExplanations } from "./explorer-api";
import styles from "./latent-browser.module.css";
import { InspectedTokenPanel } from "./latent/inspected-token-panel";
import { TokenActivations } from "./token-activations";
import { useDebouncedValue } from "./use-debounced-value";

/** Per latent: its largest value over the text and on how many tokens it fired, strongest first. */
function topLatentsOf(result: TypedTextLatents, count: number) {
  const byLatent = new Map<number, { latent: number; max: number; tokens: number }>();
  for (const perToken of result.latents) {
    for (const { latent, activation } of perToken) {
      if (!(activation > 0)) continue;
      const entry = byLatent.get(latent) ?? { latent, max: 0, tokens: 0 };
      entry.max = Math.max(entry.max, activation);
      entry.tokens++;
      byLatent.set(latent, entry);
    }
  }
  return [...byLatent.values()].sort((a, b) => b.max - a.max || a.latent - b.latent).slice(0, count);
}

/** Which path encoded the text, so a reader (and a test) can tell the browser from the server. */
function EncodedBy({ result }: { result: TypedTextLatents }) {
  const where = result.path === "browser" ? "in your browser (onnxruntime-web, wasm)" : "on the server";
  const load = result.load ? ` The model's ${(result.load.graphBytes / 2 ** 20).toFixed(1)} MB of graphs and the wasm runtime loaded once, in ${result.load.ms.toFixed(0)} ms.` : "";
  return (
    <p className="muted" data-testid="try-text-path" data-path={result.path} title={result.serverReason}>
      Encoded {where} in {result.elapsedMs.toFixed(0)} ms.{load}
    </p>
  );
}

export interface TryYourTextProps {
  coder: CoderRef;
  /** Shade this latent (a latent page); without it the text's top latents are listed and can be picked. */
  latent?: number;
  /** The latent's max activation over the cache, so shading means the same as in the examples. */
  scaleMax?: number;
  initialText?: string;
}

/** A typed token's inspection: the encoder's active latents there (already in hand) with their explanations. */
function TypedTokenInspector({ result, index, latent, coder, onClose }: { result: TypedTextLatents; index: number; latent: number; coder: string; onClose: () => void }) {
  const active = result.latents[index] ?? [];
  const ids = active.map((a) => a.latent);
  const explained = useQuery({ queryKey: ["explanations", coder, ids], queryFn: () => fetchExplanations(coder, ids), enabled: ids.length > 0, staleTime: 60_000, retry: false });
  const byLatent = new Map(explained.data?.latents.map((e) => [e.latent, e.explanation]));
  const rows = ids.length === 0 || explained.data ? active.map((a) => ({ ...a, explanation: byLatent.get(a.latent) ?? null })) : null;
  return (
    <InspectedTokenPanel
      latent={latent}
      coder={coder}
      text={result.tokens[index]?.text ?? ""}
      activation={active.find((a) => a.latent === latent)?.activation ?? 0}
      where={`token ${index + 1} of ${result.tokens.length}`}
      topLatents={rows}
      note={explained.isError ? `Could not read the explanations: ${explained.error.message}` : undefined}
      onClose={onClose}
    />
  );
}

/** A text box: as you type, the text is encoded and its tokens shaded by one latent's activation. */
export function TryYourText({ coder, latent, scaleMax, initialText = "" }: TryYourTextProps) {
  const [text, setText] = useState(initialText);
  const box = useRef<HTMLTextAreaElement>(null);
  // Text typed or pasted before hydration is in the DOM but not in state (React does not replay it): adopt it once.
  useEffect(() => {
    if (box.current && box.current.value !== initialText) setText(box.current.value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const [inspected, setInspected] = useState<number | null>(null);
  const settled = useDebouncedValue(text, 350);
  // Start loading the in-browser encoder when the box gets focus: the download waits for someone about to type.
  const preload = () => void loadBrowserEncoder(coder.hookpoint).catch(() => undefined);
  const query = useQuery({
    queryKey: ["encode", coder.kind, coder.hookpoint, settled],
    queryFn: () => encodeTypedText(settled, coder),
    enabled: settled.trim().length > 0,
    retry: false,
    staleTime: Infinity,
  });
  const top = useMemo(() => (query.data ? topLatentsOf(query.data, 12) : []), [query.data]);
  const shaded = latent ?? picked ?? top[0]?.latent;
  const tokens = useMemo(() => {
    if (!query.data || shaded === undefined) return [];
    return query.data.tokens.map((token, i) => ({
      text: token.text,
      activation: query.data.latents[i]?.find((entry) => entry.latent === shaded)?.activation ?? 0,
    }));
  }, [query.data, shaded]);
  const max = scaleMax ?? Math.max(0, ...tokens.map((t) => t.activation));
  return (
    <section className="panel" data-testid="try-your-text">
      <h2>Try your text</h2>
      <textarea
        ref={box}
        className={styles.textArea}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onFocus={preload}
        placeholder="Type or paste text to see which latents it activates"
        aria-label="Text to encode"
        data-testid="try-text-input"
      />
      {query.isError ? (
        <p className={styles.error} role="alert" data-testid="try-text-error">
          {query.error.message}
        </p>
      ) : null}
      {query.isFetching ? <p className="muted">Encoding…</p> : null}
      {latent === undefined && top.length > 0 ? (
        <>
          <p className="muted">Top latents of this text (largest activation); pick one to shade the tokens:</p>
          <ul className={styles.topLatents} data-testid="top-latents">
            {top.map((entry) => (
              <li key={entry.latent}>
                <button type="button" aria-pressed={entry.latent === shaded} onClick={() => setPicked(entry.latent)} data-latent={entry.latent}>
                  #{entry.latent} · {entry.max.toPrecision(3)} · {entry.tokens} tok
                </button>{" "}
                <Link href={`/latents/${entry.latent}?coder=${encodeURIComponent(coder.hookpoint)}`} aria-label={`Open latent ${entry.latent}`}>
                  ↗
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {tokens.length > 0 && shaded !== undefined ? (
        <>
          <p>
            <span className="muted">Latent {shaded}: </span>
            <TokenActivations
              tokens={tokens}
              scaleMax={max}
              testId="try-text-tokens"
              label="Your text"
              onInspect={setInspected}
              selected={inspected !== null && inspected < tokens.length ? inspected : null}
            />
          </p>
          {query.data && inspected !== null && inspected < tokens.length ? (
            <TypedTokenInspector result={query.data} index={inspected} latent={shaded} coder={coder.hookpoint} onClose={() => setInspected(null)} />
          ) : null}
        </>
      ) : null}
      {query.data ? <EncodedBy result={query.data} /> : null}
    </section>
  );
}
