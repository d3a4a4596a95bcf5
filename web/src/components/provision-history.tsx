// Every version of the code in its list, with its dates and the acts that may have made or
// ended it (candidates inferred from dates, never facts), and a word-level diff between two
// versions chosen in the URL (?diffFrom=<version id>&diffTo=<version id>).
import { ProvisionDiffDocument } from '../api/provision-documents';
import { useQuery } from '../api/use-query';
import type { ProvisionVersionFragment, Regime, WebProvisionDiffQuery } from '../gql/graphql';
import { DiffSegments, KnownDate, SourceLink } from './provision-source';

const LINK_LABELS: Record<string, string> = {
  CHANGED_BY_CANDIDATE: 'may have made this version',
  CHANGED_BY_RETROACTIVE_CANDIDATE: 'may have made this version (effective before publication)',
  REMOVED_BY_CANDIDATE: 'may have ended this version',
  REMOVED_BY_RETROACTIVE_CANDIDATE: 'may have ended this version (effective before publication)',
};

const NOTE_CHANGE_LABELS: Record<string, string> = {
  ADDED: 'added',
  REMOVED: 'removed',
  CHANGED: 'changed',
  SAME: 'unchanged',
};

/** How a version is named in lists and choices: its dates, or that they are unknown. */
export function versionName(version: ProvisionVersionFragment, index: number): string {
  const from = version.validFrom ?? 'start not stated';
  const to = version.validTo ?? (version.status === 'CURRENT' ? 'no end recorded' : 'end not stated');
  return `Version ${index + 1}: ${from} to ${to}`;
}

export function ProvisionHistory({
  code,
  regime,
  history,
  shownId,
  diffFrom,
  diffTo,
  onShowDate,
  onDiff,
}: {
  code: string;
  regime: Regime;
  history: readonly ProvisionVersionFragment[];
  shownId: string | null;
  diffFrom: string | null;
  diffTo: string | null;
  onShowDate: (date: string | null) => void;
  onDiff: (from: string | null, to: string | null) => void;
}) {
  return (
    <section className="prov-section" aria-labelledby="prov-history">
      <h2 id="prov-history">Version history</h2>
      {history.length === 0 ? (
        <p className="prov-unknown">No versions recorded.</p>
      ) : (
        <ol className="prov-versions">
          {history.map((version, index) => (
            <li key={version.id} className={version.id === shownId ? 'prov-version is-shown' : 'prov-version'}>
              <p className="prov-version-title">
                <strong>{versionName(version, index)}</strong>
                {version.status === 'CURRENT' ? <span className="badge">latest held</span> : null}
                {version.id === shownId ? <span className="badge regime">shown above</span> : null}
              </p>
              <p>
                From <KnownDate date={version.validFrom} unknown="a date the sources do not state" /> until{' '}
                {version.validTo === null ? (
                  <span className="prov-unknown">no end recorded</span>
                ) : (
                  <KnownDate date={version.validTo} />
                )}
                ; text dated <KnownDate date={version.textDate} />.
              </p>
              {version.amendingActs.length > 0 ? (
                <ul className="prov-acts" aria-label="Acts linked by date">
                  {version.amendingActs.map((link) => (
                    <li key={`${link.act.id}-${link.kind}`}>
                      {link.act.url !== null ? (
                        <a href={link.act.url} rel="noreferrer">
                          {link.act.reference ?? link.act.documentNumber}
                        </a>
                      ) : (
                        (link.act.reference ?? link.act.documentNumber)
                      )}{' '}
                      (effective <KnownDate date={link.act.effectiveOn} />) {LINK_LABELS[link.kind] ?? link.kind}
                      {link.inferred ? ' — inferred from dates, not stated by a source' : ''}: {link.act.title}
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className="prov-version-actions">
                <SourceLink citation={version.citation} />
                {version.validFrom !== null && version.id !== shownId ? (
                  <button type="button" className="link-button" onClick={() => onShowDate(version.validFrom)}>
                    Show this version (in force on {version.validFrom})
                  </button>
                ) : null}
                {index > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onDiff(history[index - 1]?.id ?? null, version.id)}
                  >
                    Compare with version {index}
                  </button>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      {history.length > 1 ? (
        <VersionDiff
          code={code}
          regime={regime}
          history={history}
          diffFrom={diffFrom}
          diffTo={diffTo}
          onDiff={onDiff}
        />
      ) : (
        <p>Only one version is recorded: there is nothing to compare.</p>
      )}
    </section>
  );
}

function VersionDiff({
  code,
  regime,
  history,
  diffFrom,
  diffTo,
  onDiff,
}: {
  code: string;
  regime: Regime;
  history: readonly ProvisionVersionFragment[];
  diffFrom: string | null;
  diffTo: string | null;
  onDiff: (from: string | null, to: string | null) => void;
}) {
  const ready = diffFrom !== null && diffTo !== null;
  const state = useQuery(
    ProvisionDiffDocument,
    ready ? { code, regime, fromVersion: diffFrom, toVersion: diffTo } : null,
  );
  const choice = (id: string, label: string, value: string | null, set: (id: string | null) => void) => (
    <div className="prov-diff-choice">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value ?? ''}
        onChange={(event) => set(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">Choose a version</option>
        {history.map((version, index) => (
          <option key={version.id} value={version.id}>
            {versionName(version, index)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div className="prov-diff-panel">
      <h3>What changed between two versions</h3>
      <div className="prov-diff-choices">
        {choice('prov-diff-from', 'Earlier version', diffFrom, (id) => onDiff(id, diffTo))}
        {choice('prov-diff-to', 'Later version', diffTo, (id) => onDiff(diffFrom, id))}
      </div>
      {!ready ? (
        <p className="hint">Choose two versions to see the words that were removed and added.</p>
      ) : state.status === 'error' ? (
        <p role="alert" className="error">
          The comparison could not be loaded: {state.error.message}
        </p>
      ) : state.status !== 'done' ? (
        <p className="loading" aria-live="polite">
          Comparing the versions…
        </p>
      ) : (
        <DiffResult diff={state.data.provisionDiff} />
      )}
    </div>
  );
}

function DiffResult({ diff }: { diff: WebProvisionDiffQuery['provisionDiff'] }) {
  return (
    <div className="prov-diff-result" aria-live="polite">
      <p>
        {diff.changed === null
          ? 'Unknown: one end has no known version, so the texts cannot be compared.'
          : diff.changed
            ? 'The text or the notes changed.'
            : 'No difference in the text or the notes.'}
      </p>
      <p className="hint">
        <del>Struck through</del>: only in the earlier version; <ins>underlined</ins>: only in the later version.
      </p>
      <div className="prov-diff-sources">
        <SourceLink citation={diff.from?.citation} label="Earlier version's source" />
        <SourceLink citation={diff.to?.citation} label="Later version's source" />
      </div>
      <DiffSegments segments={diff.text} />
      {diff.notes.map((note, index) => (
        <div key={`${note.label}-${index}`} className="prov-note">
          <p className="prov-note-label">
            <strong>{note.label}</strong> — {NOTE_CHANGE_LABELS[note.change] ?? note.change}
          </p>
          <DiffSegments segments={note.segments} />
        </div>
      ))}
    </div>
  );
}
