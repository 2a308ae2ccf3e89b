import { GLOSSARY_TERMS, type GlossaryTerm } from "./glossary-terms";

function SectionLinks({ term }: { term: GlossaryTerm }) {
  if (term.sections.length === 0) return <span className="muted"> (an explorer measure; not in the paper)</span>;
  return (
    <span className="glossary-sections">
      {" "}
      (
      {term.sections.map((section, i) => (
        <span key={section.label}>
          {i > 0 ? ", " : null}
          <a href={section.href} aria-label={`paper ${section.label} on ${term.term}`}>
            {section.label}
          </a>
        </span>
      ))}
      )
    </span>
  );
}

/** Every term with its definition and the paper sections it comes from; each term is an anchor (#id). */
export function GlossaryList() {
  return (
    <dl className="glossary" data-testid="glossary">
      {GLOSSARY_TERMS.map((term) => (
        <div key={term.id} id={term.id} className="glossary-entry" data-testid="glossary-term">
          <dt>
            <a href={`#${term.id}`} className="glossary-anchor">
              {term.term}
            </a>
          </dt>
          <dd>
            {term.definition}
            <SectionLinks term={term} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
