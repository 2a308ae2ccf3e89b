import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TORCH_CASES, torchCaseIds, torchFixturePath, writeTorchCase } from "@/lib/model/fixtures/torch-cases";

// Regenerates lib/model/fixtures/torch-*.safetensors with bench/torch_reference.py (needs /usr/bin/python3 + torch):
//   npx tsx bench/make-torch-fixtures.ts

for (const c of TORCH_CASES) {
  const dir = mkdtempSync(join(tmpdir(), `torch-${c.name}-`));
  try {
    const { modelDir, transcoderDir, saeDir } = writeTorchCase(c, dir);
    const ids = torchCaseIds(c);
    const idsFile = join(dir, "ids.json");
    writeFileSync(idsFile, JSON.stringify(Array.from({ length: c.batch }, (_, b) => Array.from(ids.subarray(b * c.length, (b + 1) * c.length)))));
    const args = ["bench/torch_reference.py", "fixture", "--model", modelDir, "--ids", idsFile, "--layer", String(c.layer), "--transcoder", transcoderDir, "--out", torchFixturePath(c)];
    if (saeDir) args.push("--sae", saeDir);
    if (c.logitsLastOnly) args.push("--logits-last-only");
    execFileSync("/usr/bin/python3", args, { stdio: "inherit" });
    console.log(`wrote ${torchFixturePath(c)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
