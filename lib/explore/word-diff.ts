// A word-level diff between two explanation versions (the history's "what changed"), as plain text segments the
// page renders as spans: never HTML.

export type DiffOp = "same" | "added" | "removed";

export interface DiffSegment {
  readonly op: DiffOp;
  readonly text: string;
}

/** Words with the whitespace before them kept, so joining the segments of one side gives its text back. */
function words(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Longest-common-subsequence diff of the words of `before` and `after` (removals first); equal ops merged. */
export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = words(before);
  const b = words(after);
  const key = (w: string) => w.trim();
  // lcs[i][j]: LCS length of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = key(a[i]) === key(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const segments: DiffSegment[] = [];
  const push = (op: DiffOp, text: string) => {
    const last = segments[segments.length - 1];
    if (last?.op === op) segments[segments.length - 1] = { op, text: last.text + text };
    else segments.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && key(a[i]) === key(b[j])) {
      push("same", b[j]);
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      push("removed", a[i++]);
    } else {
      push("added", b[j++]);
    }
  }
  return segments;
}
