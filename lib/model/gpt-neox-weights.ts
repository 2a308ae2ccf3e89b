import { join } from "node:path";
import { FormatError } from "@/lib/formats/format-error";
import { readGptNeoXConfig, type GptNeoXConfig } from "@/lib/formats/hf-config";
import { openSnapshotTensors, type TensorSource } from "@/lib/formats/safetensors-snapshot";

// GPT-NeoX weights under Hugging Face's names (transformers GPTNeoXForCausalLM), each checked against the config's
// shapes as it is read. Linear weights are [out, in], as torch stores them.

export interface GptNeoXLayerWeights {
  ln1Weight: Float32Array;
  ln1Bias: Float32Array;
  qkvWeight: Float32Array; // [3·d, d]; rows are per head [q | k | v] (HF layout)
  qkvBias: Float32Array;
  denseWeight: Float32Array;
  denseBias: Float32Array;
  ln2Weight: Float32Array;
  ln2Bias: Float32Array;
  fc1Weight: Float32Array; // dense_h_to_4h [intermediate, d]
  fc1Bias: Float32Array;
  fc2Weight: Float32Array; // dense_4h_to_h [d, intermediate]
  fc2Bias: Float32Array;
}

export interface GptNeoXWeights {
  config: GptNeoXConfig;
  embedIn: Float32Array; // [vocab, d]
  layers: GptNeoXLayerWeights[];
  finalLnWeight: Float32Array;
  finalLnBias: Float32Array;
  embedOut: Float32Array; // [vocab, d]
}

function readLayer(tensors: TensorSource, config: GptNeoXConfig, layer: number): GptNeoXLayerWeights {
  const d = config.hidden_size;
  const inter = config.intermediate_size;
  const p = `gpt_neox.layers.${layer}`;
  const read = (name: string, shape: number[]) => tensors.readFloat32(`${p}.${name}`, shape);
  return {
    ln1Weight: read("input_layernorm.weight", [d]),
    ln1Bias: read("input_layernorm.bias", [d]),
    qkvWeight: read("attention.query_key_value.weight", [3 * d, d]),
    qkvBias: read("attention.query_key_value.bias", [3 * d]),
    denseWeight: read("attention.dense.weight", [d, d]),
    denseBias: read("attention.dense.bias", [d]),
    ln2Weight: read("post_attention_layernorm.weight", [d]),
    ln2Bias: read("post_attention_layernorm.bias", [d]),
    fc1Weight: read("mlp.dense_h_to_4h.weight", [inter, d]),
    fc1Bias: read("mlp.dense_h_to_4h.bias", [inter]),
    fc2Weight: read("mlp.dense_4h_to_h.weight", [d, inter]),
    fc2Bias: read("mlp.dense_4h_to_h.bias", [d]),
  };
}

/** Reads `config.json` and the safetensors weights of an HF GPT-NeoX snapshot folder. */
export function readGptNeoXWeights(modelDir: string): GptNeoXWeights {
  const configFile = join(modelDir, "config.json");
  const config = readGptNeoXConfig(configFile);
  if (!config.use_parallel_residual) {
    throw new FormatError(configFile, "use_parallel_residual: false is not supported (Pythia and every GPT-NeoX checkpoint it targets use the parallel residual)");
  }
  if (config.rotaryDims % 2 !== 0) {
    // rotate_half splits the rotary slice in two equal halves (transformers fails on odd sizes too)
    throw new FormatError(configFile, `head_dim ${config.headDim} × rotary_pct ${config.rotary_pct} gives ${config.rotaryDims} rotary dims; it must be even`);
  }
  const tensors = openSnapshotTensors(modelDir);
  try {
    const d = config.hidden_size;
    const vocab = config.vocab_size;
    const embedIn = tensors.readFloat32("gpt_neox.embed_in.weight", [vocab, d]);
    const layers = Array.from({ length: config.num_hidden_layers }, (_, layer) => readLayer(tensors, config, layer));
    // Pythia is untied; a tied config reuses the input embedding as transformers does.
    const embedOut = config.tie_word_embeddings && !tensors.has("embed_out.weight") ? embedIn : tensors.readFloat32("embed_out.weight", [vocab, d]);
    return {
      config,
      embedIn,
      layers,
      finalLnWeight: tensors.readFloat32("gpt_neox.final_layer_norm.weight", [d]),
      finalLnBias: tensors.readFloat32("gpt_neox.final_layer_norm.bias", [d]),
      embedOut,
    };
  } finally {
    tensors.close();
  }
}
