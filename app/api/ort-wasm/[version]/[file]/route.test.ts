import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { installedOrtWebVersion } from "@/lib/browser/ort-wasm-files";
import { GET } from "./route";

// onnxruntime-web's runtime files, and nothing else, for the installed version only.

const get = (version: string, file: string) => GET(new Request("http://localhost/"), { params: Promise.resolve({ version, file }) });

describe("GET /api/ort-wasm/:version/:file", () => {
  const version = installedOrtWebVersion();

  it("streams the wasm runtime as application/wasm, cached for good", async () => {
    const response = await get(version, "ort-wasm-simd-threaded.wasm");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/wasm");
    expect(response.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(statSync("node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.wasm").size);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x00, 0x61, 0x73, 0x6d]); // "\0asm"
  });

  it("refuses other versions and anything that is not a runtime file", async () => {
    expect(((await (await get("0.0.1", "ort-wasm-simd-threaded.wasm")).json()) as { error: string }).error).toContain(`this server has ${version}`);
    for (const file of ["../package.json", "ort.min.js", "ort-wasm-simd-threaded.wasm.map"]) expect((await get(version, file)).status).toBe(404);
  });
});
