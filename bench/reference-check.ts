// Whether the PyTorch reference can run and at what speed it may: /usr/bin/python3 with torch (Debian's
// python3-torch) and an optimised BLAS behind libblas.so.3 (libopenblas0-pthread). Either missing is said loudly,
// because a PyTorch column computed on the reference BLAS makes any comparison meaningless.
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";

export const REFERENCE_INSTALL = "apt-get install -y python3-torch libopenblas0-pthread";

export interface ReferenceCheck {
  torch: boolean;
  /** Where libblas.so.3 resolves (Debian alternatives), or null when there is none. */
  blasLibrary: string | null;
  optimisedBlas: boolean;
}

const LIBBLAS = ["/usr/lib/x86_64-linux-gnu/libblas.so.3", "/usr/lib/aarch64-linux-gnu/libblas.so.3", "/usr/lib/libblas.so.3"];

export function checkReference(): ReferenceCheck {
  const torch = spawnSync("/usr/bin/python3", ["-c", "import torch"], { stdio: "ignore" }).status === 0;
  const found = LIBBLAS.find((path) => existsSync(path));
  const blasLibrary = found ? realpathSync(found) : null;
  return { torch, blasLibrary, optimisedBlas: blasLibrary !== null && /openblas|mkl|blis/i.test(blasLibrary) };
}

/** Lines to print before the tables; empty when both are there. */
export function referenceWarnings(check: ReferenceCheck): string[] {
  const warnings: string[] = [];
  if (!check.torch) warnings.push("/usr/bin/python3 cannot import torch: every PyTorch column below is n/a and no PyTorch peak is measured.");
  if (!check.optimisedBlas) {
    const where = check.blasLibrary ? `libblas.so.3 resolves to ${check.blasLibrary}, the unoptimised reference BLAS` : "there is no libblas.so.3";
    warnings.push(`${where}: Debian's PyTorch would run its matmuls an order of magnitude below the machine's peak.`);
  }
  if (warnings.length === 0) return [];
  const bar = "!".repeat(100);
  return [bar, ...warnings.map((w) => `!!! ${w}`), `!!! Install the reference: ${REFERENCE_INSTALL}`, bar];
}
