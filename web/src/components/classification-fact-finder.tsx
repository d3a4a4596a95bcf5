// Every fact the lists use, searchable by name and description, so a user who knows a figure
// (a datasheet value) can give it without waiting for the wizard to ask. With an entry in focus
// its facts come first.
import { useId, useMemo, useState } from 'react';
import { humanize } from './classification-labels';
import { ITEM_KIND_FACT, type Fact } from './classification-state';

/** How many matching facts are listed at once; the search narrows the rest. */
const SHOWN = 12;

export function ClassificationFactFinder({
  facts,
  entryFacts,
  entry,
  answered,
  onPick,
}: {
  facts: readonly Fact[];
  entryFacts: ReadonlySet<string> | null;
  entry: string | null;
  answered: ReadonlySet<string>;
  onPick: (name: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const matching = useMemo(() => {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const found = facts.filter((fact) => {
      if (fact.name === ITEM_KIND_FACT) return false;
      const haystack = `${fact.name.replace(/_/g, ' ')} ${fact.description}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
    if (entryFacts === null) return found;
    return [
      ...found.filter((fact) => entryFacts.has(fact.name)),
      ...found.filter((fact) => !entryFacts.has(fact.name)),
    ];
  }, [facts, text, entryFacts]);
  return (
    <section className="classification-fact-finder" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Answer any fact</h2>
      <label htmlFor={`${id}-search`}>Find a fact by name or description</label>
      <input
        id={`${id}-search`}
        type="search"
        value={text}
        placeholder="e.g. wavelength, frame rate, pixel"
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        aria-describedby={`${id}-count`}
      />
      <p id={`${id}-count`} className="hint" aria-live="polite">
        {matching.length === 0
          ? 'No fact matches.'
          : `${matching.length} fact${matching.length === 1 ? '' : 's'}${matching.length > SHOWN ? `, the first ${SHOWN} shown` : ''}.`}
      </p>
      <ul className="fact-list">
        {matching.slice(0, SHOWN).map((fact) => (
          <li key={fact.name}>
            <button type="button" className="link-button" onClick={() => onPick(fact.name)}>
              <span className="visually-hidden">Answer: </span>
              {humanize(fact.name)}
            </button>
            {answered.has(fact.name) ? <span className="badge">answered</span> : null}
            {entry !== null && entryFacts?.has(fact.name) ? <span className="badge regime">{entry}</span> : null}
            <span className="fact-description">{fact.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
