// delphi's explanation files: `explanations/<hookpoint>_latent<i>.txt` holding the explanation as one JSON
// string (orjson.dumps of the text), read back by its NoOpExplainer.
import { readFileSync } from "node:fs";
import { FormatError } from "@/lib/formats/format-error";

/** What delphi's Explainer writes when the LLM's answer cannot be parsed (explainers/explainer.py). */
export const DELPHI_UNPARSED_EXPLANATION = "Explanation could not be parsed.";

/** The explanation, or why the file holds none (delphi writes "" when nothing follows [EXPLANATION]:). */
export function readDelphiExplanation(path: string): { text: string } | { none: string } {
  const raw = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new FormatError(path, `is not JSON (${(error as Error).message}); delphi stores an explanation as a JSON string such as "\\"Opening brackets\\""`);
  }
  if (typeof parsed !== "string") throw new FormatError(path, `holds a JSON ${Array.isArray(parsed) ? "array" : typeof parsed}; delphi stores an explanation as a JSON string`);
  if (parsed.trim() === "") return { none: "empty explanation (delphi writes \"\" when the LLM's answer has nothing after [EXPLANATION]:)" };
  if (parsed === DELPHI_UNPARSED_EXPLANATION) return { none: `delphi's placeholder "${DELPHI_UNPARSED_EXPLANATION}", not an explanation` };
  return { text: parsed };
}

export function delphiExplanationContents(text: string): string {
  return JSON.stringify(text);
}
