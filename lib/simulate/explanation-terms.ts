// What the lexical baseline can read from an explanation: quoted strings and content words.

export interface ExplanationTerms {
  /** Quoted strings, lower-cased, inner whitespace collapsed ("new york"). */
  quoted: string[];
  /** Unquoted words, lower-cased, without stopwords or explanation boilerplate ("fires", "token"). */
  words: string[];
}

// Straight and curly double quotes, backticks, and single quotes that are not apostrophes inside a word.
const QUOTED = /"([^"]+)"|“([^”]+)”|`([^`]+)`|(?<![\p{L}\p{N}])'([^']+)'(?![\p{L}\p{N}])/gu;

const STOPWORDS = new Set(
  (
    "a an the and or but not of in on at to for from by with as is are was were be been being it its this that these " +
    "those such like e g eg i e ie etc some any all other another more most than then there their when where which " +
    "who what how fires fire firing activates activate activating active activation on token tokens word words text " +
    "texts phrase phrases mention mentions mentioning refers references referring related relating context contexts " +
    "after before following preceding precedes follows usually often mostly mainly especially particularly " +
    "specifically typically various different latent feature neuron main thing does find finds"
  ).split(" "),
);

export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

export function extractExplanationTerms(explanation: string): ExplanationTerms {
  const quoted: string[] = [];
  for (const match of explanation.matchAll(QUOTED)) {
    const inner = normalizeText(match.slice(1).find((g) => g !== undefined) ?? "");
    if (inner && !quoted.includes(inner)) quoted.push(inner);
  }
  const unquoted = explanation.replace(QUOTED, " ").toLowerCase();
  const words: string[] = [];
  for (const word of unquoted.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length >= 2 && !STOPWORDS.has(word) && !words.includes(word)) words.push(word);
  }
  return { quoted, words };
}

/**
 * A light English stemmer, enough to meet "cities"/"city" and "played"/"playing" halfway; not Porter.
 * Rules: 's; -ies → y; -(ss|x|ch|sh|z)es; plural -s; -ing / -ed (undoubling "runn"); -ly; final -e.
 */
export function lightStem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, "");
  if (/ies$/.test(w) && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|ch|sh|z)es$/.test(w)) w = w.slice(0, -2);
  else if (/[^s]s$/.test(w) && w.length > 3) w = w.slice(0, -1);
  const suffix = /ing$/.test(w) && w.length >= 6 ? 3 : /ed$/.test(w) && w.length >= 5 ? 2 : 0;
  if (suffix) {
    w = w.slice(0, -suffix);
    if (/([^lsz])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (/ly$/.test(w) && w.length >= 5) w = w.slice(0, -2);
  if (/e$/.test(w) && w.length > 3) w = w.slice(0, -1);
  return w;
}
