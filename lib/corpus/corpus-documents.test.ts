import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { brownText } from "./brown-text";
import { readCorpusDocuments } from "./corpus-documents";
import { readCorpusManifest } from "./corpus-manifest";
import { emailBodyText } from "./email-text";

const DEMO_CORPUS = "packs/demo/corpus.json";

describe("corpus extraction rules", () => {
  it("rebuilds Brown running text from tagged tokens", () => {
    const raw = "\n\n\tThe/at ``/`` jury/nn ''/'' said/vbd ,/, (/( Fulton/np )/) ?/. ?/. a/b/c\n\n\n\tNext/ap para/nn ./.\n";
    // Tags go (text before the LAST '/'), `` and '' become ", no space before , ? ) or after ( ``, the doubled ? is dropped.
    expect(brownText(raw)).toBe('The "jury" said, (Fulton)? a/b\n\nNext para.');
  });

  it("keeps an e-mail body without quotes, signature and trailing blanks, and skips HTML or short mails", () => {
    const body = `Hello list,  \n> quoted reply\n\n\n\n${"x".repeat(200)}\n-- \nsignature`;
    expect(emailBodyText(`Subject: hi\r\nFrom: a\r\n\r\n${body}`)).toBe(`Hello list,\n\n${"x".repeat(200)}`);
    expect(emailBodyText("Content-Type: text/html\n\n" + "y".repeat(300))).toBeUndefined();
    expect(emailBodyText("Subject: short\n\ntoo short")).toBeUndefined();
    expect(emailBodyText("no blank line, so no body")).toBeUndefined();
  });
});

describe.runIf(existsSync(DEMO_CORPUS))("the demo pack's corpus.json", () => {
  it("reproduces every listed document byte for byte (length and sha256 match the manifest)", () => {
    const manifest = readCorpusManifest(DEMO_CORPUS);
    let count = 0;
    let heldout = 0;
    for (const doc of readCorpusDocuments(DEMO_CORPUS)) {
      count++;
      if (doc.split === "heldout") heldout++;
    }
    expect(count).toBe(manifest.documents.length);
    expect(heldout).toBe(manifest.documents.filter((d) => d.split === "heldout").length);
    expect([...readCorpusDocuments(DEMO_CORPUS, { split: "heldout" })]).toHaveLength(heldout);
  });
});
