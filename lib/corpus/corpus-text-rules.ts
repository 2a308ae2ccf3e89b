// The text extraction rules of corpus.json ("extraction"), reproduced byte for byte from training/corpus.py.

/** "every file is decoded as strict UTF-8" (a BOM, if any, is kept as text, as Python's utf-8 codec does). */
export function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** "trimmed of leading/trailing ' ', '\t' and '\n' only". */
export function trimSpaceTabNewline(text: string): string {
  return text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
}

/** "'\r\n' becomes '\n'" then the trim. */
export function commonRules(text: string): string {
  return trimSpaceTabNewline(text.replaceAll("\r\n", "\n"));
}

/** Length in Unicode code points (Python's len), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
