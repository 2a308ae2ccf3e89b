"use client";

import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from "react";
import { TIE_RULES, type TieRule } from "@/lib/core/quantile-normalizer";
import { MAX_EXPLANATION_CHARS, type ExplorerProgress } from "@/lib/explore/explorer-data";

export interface ExplanationEditorProps {
  text: string;
  onTextChange: (text: string) => void;
  onSubmit: () => void;
  /** The version the edit starts from, as its label (v3). */
  parentLabel: string | null;
  running: boolean;
  progress: ExplorerProgress | null;
  /** How the quantile normalizer calibrates tied raw predictions (§2.1; the evaluation's default is conditional-mean). */
  tieRule: TieRule;
  onTieRuleChange: (rule: TieRule) => void;
  error: string | null;
}

const TIE_RULE_LABELS: Record<TieRule, string> = {
  "conditional-mean": "conditional mean (default)",
  "mid-rank": "mid-rank quantile",
  "upper-quantile": "upper quantile",
};

const STAGE_LABELS: Record<ExplorerProgress["stage"], string> = {
  simulating: "Simulating contexts",
  calibrating: "Fitting the quantile normalizer",
  "rewrite impact": "Measuring the rewrite impact",
  scoring: "Scoring detection and fuzzing",
};

/** The explanation as editable text; Re-simulate (or Ctrl/Cmd+Enter) stores a new version and simulates it. */
export function ExplanationEditor({ text, onTextChange, onSubmit, parentLabel, running, progress, tieRule, onTieRuleChange, error }: ExplanationEditorProps) {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  // Text typed before hydration is in the DOM but not in state (React does not replay it): adopt it once.
  useEffect(() => {
    if (input.current && input.current.value !== text) onTextChange(input.current.value);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const trimmed = text.trim();
  const tooLong = trimmed.length > MAX_EXPLANATION_CHARS;
  const canSubmit = !running && trimmed.length > 0 && !tooLong;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (canSubmit) onSubmit();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) submit(event);
  };
  return (
    <form onSubmit={submit} className="explanation-editor" data-testid="explanation-editor">
      <label htmlFor={`${id}-text`}>
        <strong>Explanation</strong> {parentLabel !== null ? <span className="muted">(editing from {parentLabel})</span> : null}
      </label>
      <textarea
        ref={input}
        id={`${id}-text`}
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        aria-describedby={`${id}-hint`}
        aria-invalid={tooLong || trimmed.length === 0}
        data-testid="explanation-input"
      />
      <p id={`${id}-hint`} className="muted">
        {trimmed.length} / {MAX_EXPLANATION_CHARS} characters. Ctrl+Enter (⌘+Enter) re-simulates. A changed text is stored as a new version.
      </p>
      <p>
        <label htmlFor={`${id}-ties`}>Calibrate tied predictions to the </label>
        <select id={`${id}-ties`} value={tieRule} onChange={(e) => onTieRuleChange(e.target.value as TieRule)} data-testid="tie-rule-select">
          {TIE_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {TIE_RULE_LABELS[rule]}
            </option>
          ))}
        </select>
      </p>
      <button type="submit" disabled={!canSubmit} data-testid="resimulate">
        {running ? "Simulating…" : "Re-simulate"}
      </button>
      {running || progress ? (
        <div role="status" aria-live="polite" className="simulation-status">
          <progress
            data-testid="simulation-progress"
            value={progress && progress.total > 0 ? progress.done : undefined}
            max={progress && progress.total > 0 ? progress.total : undefined}
            aria-label="Simulation progress"
          />{" "}
          <span data-testid="simulation-stage">
            {progress ? `${STAGE_LABELS[progress.stage]}${progress.total > 1 ? ` (${progress.done} / ${progress.total})` : ""}` : "Starting…"}
          </span>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="error-text" data-testid="simulation-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
