// One split file of a delphi latent cache: `locations` [N, 3] = (sequence, position, latent − start),
// `activations` [N] (f16 from delphi; bf16 / f32 / f64 accepted) and, when saved, `tokens` [n_seq, ctx].
import { FormatError } from "@/lib/formats/format-error";
import type { SafetensorsFile } from "@/lib/formats/safetensors";
import { isFloatDtype } from "@/lib/formats/safetensors-dtypes";
import type { LatentRange } from "./delphi-layout";
import { readIndexTensor } from "./index-tensor";

export interface LatentFileHeader {
  /** Stored activations N. */
  entries: number;
  /** [n_seq, ctx] of the `tokens` tensor; undefined when the file has none (delphi's save_tokens=False). */
  tokensShape: [number, number] | undefined;
}

const shapeText = (shape: readonly number[]) => `[${shape.join(", ")}]`;

/** Checks names, ranks and dtypes from the header alone, before any data is read. */
export function checkLatentFileHeader(file: SafetensorsFile): LatentFileHeader {
  const locations = file.info("locations");
  const activations = file.info("activations");
  if (locations.shape.length !== 2 || locations.shape[1] !== 3) {
    throw new FormatError(file.path, `tensor "locations" has shape ${shapeText(locations.shape)}; delphi writes [N, 3] (sequence, position, latent − start)`);
  }
  const entries = locations.shape[0];
  if (activations.shape.length !== 1 || activations.shape[0] !== entries) {
    throw new FormatError(file.path, `tensor "activations" has shape ${shapeText(activations.shape)}; expected [${entries}], one per location`);
  }
  if (!isFloatDtype(activations.dtype)) {
    throw new FormatError(file.path, `tensor "activations" has dtype ${activations.dtype}, which is not supported; delphi writes F16 (BF16, F32 and F64 are read too)`);
  }
  if (!file.has("tokens")) return { entries, tokensShape: undefined };
  const tokens = file.info("tokens");
  if (tokens.shape.length !== 2) {
    throw new FormatError(file.path, `tensor "tokens" has shape ${shapeText(tokens.shape)}; delphi writes [n_sequences, context_length]`);
  }
  return { entries, tokensShape: [tokens.shape[0], tokens.shape[1]] };
}

export interface LatentFileEntries {
  /** Row-major [N, 3]: sequence, position, latent (made absolute: start added). */
  locations: Uint32Array;
  activations: Float32Array;
}

/** Reads the entries, checking every location against the file's latent range and the tokens' shape. */
export function readLatentFileEntries(file: SafetensorsFile, range: LatentRange, numContexts: number, contextLength: number): LatentFileEntries {
  const locations = readIndexTensor(file, "locations");
  const activations = file.readFloat32("activations");
  const width = range.end - range.start + 1;
  for (let i = 0; i < activations.length; i++) {
    const [sequence, position, latent] = [locations[3 * i], locations[3 * i + 1], locations[3 * i + 2]];
    const where = `tensor "locations" row ${i} (${sequence}, ${position}, ${latent})`;
    if (latent >= width) {
      throw new FormatError(
        file.path,
        `${where}: latent column ${latent} is outside the file's range: it holds latents ${range.start}–${range.end}, so the column (latent − ${range.start}) must be below ${width}`,
      );
    }
    if (sequence >= numContexts) throw new FormatError(file.path, `${where}: sequence ${sequence} is outside the ${numContexts} cached sequences`);
    if (position >= contextLength) throw new FormatError(file.path, `${where}: position ${position} is outside the context length ${contextLength}`);
    if (!Number.isFinite(activations[i])) throw new FormatError(file.path, `tensor "activations" element ${i} is ${activations[i]}; activations must be finite`);
    locations[3 * i + 2] = latent + range.start;
  }
  return { locations, activations };
}
