// The date the page shows the text for, kept in the URL as ?asOf=YYYY-MM-DD. The field is a
// draft until submitted, so typing a date does not fetch half-typed days.
import { useEffect, useState } from 'react';

export function ProvisionDatePicker({
  asOf,
  onChange,
}: {
  asOf: string | null;
  onChange: (date: string | null) => void;
}) {
  const [draft, setDraft] = useState(asOf ?? '');
  useEffect(() => setDraft(asOf ?? ''), [asOf]);
  return (
    <form
      className="prov-date-picker"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft === '' ? null : draft);
      }}
    >
      <label htmlFor="prov-as-of">Show the text in force on</label>
      <input id="prov-as-of" type="date" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="submit">Show this date</button>
      {asOf !== null ? (
        <button type="button" className="secondary" onClick={() => onChange(null)}>
          Show the latest version
        </button>
      ) : null}
    </form>
  );
}
