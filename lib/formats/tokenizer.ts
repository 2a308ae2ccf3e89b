import { existsSync } from "node:fs";
import { join } from "node:path";
import { readJsonFile } from "./hf-config";
import { parseTokenizer, type TextTokenizer } from "./text-tokenizer";

// An HF snapshot's tokenizer files, read from disk (parsing lives in text-tokenizer.ts, which the browser shares).

export { parseTokenizer, type TextTokenizer };

export function readTokenizer(modelDir: string): TextTokenizer {
  const file = join(modelDir, "tokenizer.json");
  const configFile = join(modelDir, "tokenizer_config.json");
  return parseTokenizer(readJsonFile(file), existsSync(configFile) ? readJsonFile(configFile) : {}, file);
}
