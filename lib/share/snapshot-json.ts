// JSON that keeps NaN and ±Infinity (plain JSON turns them into null, and a chart then reads null as a number):
// non-finite numbers are written as {"$number": "NaN"} and read back as numbers.
const TAG = "$number";

export function stringifySnapshot(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? { [TAG]: String(v) } : v));
}

export function parseSnapshotJson(json: string): unknown {
  return JSON.parse(json, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === TAG) return Number((v as Record<string, string>)[TAG]);
    }
    return v;
  });
}
