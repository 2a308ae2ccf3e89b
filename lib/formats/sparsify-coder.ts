import { join } from "node:path";
import { FormatError } from "./format-error";
import { withSafetensors } from "./safetensors";
import { readSparsifyConfig, type SparsifyConfig } from "./sparsify-config";

// A sparsify checkpoint folder (`<hookpoint>/cfg.json` + `sae.safetensors`) as float32 arrays, shapes checked
// against cfg.json. Linear weights keep torch's [out, in] layout.

export interface SparsifyCoderWeights {
  config: SparsifyConfig;
  encoderWeight: Float32Array; // [numLatents, d_in]
  encoderBias: Float32Array; // [numLatents]
  decoderWeight: Float32Array; // W_dec [numLatents, d_in]
  decoderBias: Float32Array; // b_dec [d_in]
  skipWeight: Float32Array | null; // W_skip [d_in, d_in], only with skip_connection
}

export const SPARSIFY_WEIGHTS_FILE = "sae.safetensors";

export function readSparsifyCoder(coderDir: string): SparsifyCoderWeights {
  const config = readSparsifyConfig(coderDir);
  const file = join(coderDir, SPARSIFY_WEIGHTS_FILE);
  const { numLatents, d_in: dIn } = config;
  return withSafetensors(file, (tensors) => {
    if (config.skip_connection && !tensors.has("W_skip")) {
      throw new FormatError(file, "has no tensor \"W_skip\" although cfg.json sets skip_connection: true");
    }
    return {
      config,
      encoderWeight: tensors.readFloat32("encoder.weight", [numLatents, dIn]),
      encoderBias: tensors.readFloat32("encoder.bias", [numLatents]),
      decoderWeight: tensors.readFloat32("W_dec", [numLatents, dIn]),
      decoderBias: tensors.readFloat32("b_dec", [dIn]),
      skipWeight: config.skip_connection ? tensors.readFloat32("W_skip", [dIn, dIn]) : null,
    };
  });
}
