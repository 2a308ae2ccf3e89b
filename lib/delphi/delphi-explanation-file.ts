// delphi's explanation files: `explanations/<hookpoint>_latent<i>.txt` holding the explanation as one JSON
// string (orjson.dumps of the text), read back by its NoOpExplainer.
import { readFileSync } from "node:fs";
import { FormatError } from "@/lib/formats/format-error";

export function readDelphiExplanation(path: string): string {
  const raw = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new FormatError(path, `is not JSON (${(error as Error).message}); delphi stores an explanation as a JSON string such as "\\"Opening brackets\\""`);
  }
  if (typeof parsed !== "string") throw new FormatError(path, `holds a JSON ${Array.isArray(parsed) ? "array" : typeof parsed}; delphi stores an explanation as a JSON string`);
  if (parsed.trim() === "") throw new FormatError(path, "holds an empty explanation");
  return parsed;
}

export function delphiExplanationContents(text: string): string {
  return JSON.stringify(text);
}
