// "I already know a classification": codes the user knows already, of the item itself
// ("6A003.b.4.b") or of a component it incorporates ("a focal plane array controlled by
// 6A002.a.3.f"). classifyItem takes the declared paragraphs as met and no longer asks about notes
// that cannot concern the item; a code the lists do not have comes back as an error naming it.
import { useId, useState } from 'react';
import type { KnownClassification } from './classification-state';

export function ClassificationKnown({
  known,
  onAdd,
  onRemove,
}: {
  known: readonly KnownClassification[];
  onAdd: (known: KnownClassification) => void;
  onRemove: (known: KnownClassification) => void;
}) {
  const id = useId();
  const [code, setCode] = useState('');
  const [scope, setScope] = useState<KnownClassification['scope']>('ITEM');
  return (
    <details className="classification-known" open={known.length > 0}>
      <summary>
        I already know a classification
        {known.length > 0 ? `: ${known.map((entry) => entry.code).join(', ')}` : ''}
      </summary>
      <div className="settings-body">
        {known.length > 0 && (
          <ul aria-label="Classifications already known">
            {known.map((entry) => (
              <li key={`${entry.scope} ${entry.code}`}>
                {entry.scope === 'ITEM'
                  ? `The item is controlled by ${entry.code}`
                  : `It incorporates a component controlled by ${entry.code}`}{' '}
                <button type="button" onClick={() => onRemove(entry)}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (code.trim() === '') return;
            onAdd({ code: code.trim(), scope });
            setCode('');
          }}
        >
          <label htmlFor={`${id}-code`}>Code</label>
          <input
            id={`${id}-code`}
            value={code}
            placeholder="e.g. 6A002.a.3.f"
            aria-describedby={`${id}-hint`}
            onChange={(event) => setCode(event.target.value)}
          />
          <label htmlFor={`${id}-scope`}>Whose classification</label>
          <select
            id={`${id}-scope`}
            value={scope}
            onChange={(event) => setScope(event.target.value === 'COMPONENT' ? 'COMPONENT' : 'ITEM')}
          >
            <option value="ITEM">The item itself</option>
            <option value="COMPONENT">A component it incorporates</option>
          </select>
          <button type="submit">Add</button>
          <p id={`${id}-hint`} className="hint">
            A paragraph or entry code as the list prints it. The paragraph is then taken as met, and notes that cannot
            concern the item are no longer asked.
          </p>
        </form>
      </div>
    </details>
  );
}
