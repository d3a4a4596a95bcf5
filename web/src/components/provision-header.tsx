// The provision's identity and validity: code, title, list, category, the version shown (its
// dates, or "not recorded"), the list edition, and the way on to the classification wizard.
import { Link } from 'react-router';
import type { WebProvisionPageQuery } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';
import { KnownDate, SourceLink } from './provision-source';

export type PageProvision = NonNullable<WebProvisionPageQuery['provision']>;

export function ProvisionHeader({ provision, asOf }: { provision: PageProvision; asOf: string | null }) {
  return (
    <header className="prov-header">
      <p className="prov-kicker">
        <span className="badge regime">{labelOf(REGIME_LABELS, provision.regime)}</span>
        <span className="badge">{provision.kind === 'ENTRY' ? 'Entry' : 'Paragraph'}</span>
        <span>
          Category {provision.category} — {provision.categoryName}
        </span>
      </p>
      <h1>
        <span className="code">{provision.code}</span> {provision.title}
      </h1>
      {provision.parent !== null ? (
        <p>
          Paragraph of{' '}
          <Link to={`/provisions/${encodeURIComponent(provision.regime)}/${encodeURIComponent(provision.parent.code)}`}>
            <span className="code">{provision.parent.code}</span> {provision.parent.title}
          </Link>
        </p>
      ) : null}
      <dl className="prov-facts">
        <div>
          <dt>Version shown</dt>
          <dd>
            {provision.status === 'CURRENT' ? 'the latest version held' : 'a superseded version'}
            {asOf !== null ? <> (in force on {asOf})</> : null}
          </dd>
        </div>
        <div>
          <dt>In force from</dt>
          <dd>
            <KnownDate date={provision.validFrom} unknown="not stated by the sources" />
          </dd>
        </div>
        <div>
          <dt>In force until</dt>
          <dd>
            {provision.validTo === null ? (
              <span className="prov-unknown">no end recorded</span>
            ) : (
              <KnownDate date={provision.validTo} />
            )}
          </dd>
        </div>
        <div>
          <dt>Text known to be in force on</dt>
          <dd>
            <KnownDate date={provision.textDate} unknown="not stated by the source" />
          </dd>
        </div>
        <div className="prov-facts-wide">
          <dt>List edition</dt>
          <dd>
            {provision.controlList.name}: {provision.controlList.version} (text dated{' '}
            <KnownDate date={provision.controlList.textDate} />){' '}
            <SourceLink citation={provision.controlList.citation} compact />
          </dd>
        </div>
        {provision.printedCode !== null ? (
          <div>
            <dt>Printed as</dt>
            <dd className="code">{provision.printedCode}</dd>
          </div>
        ) : null}
        {provision.wassenaarCode !== null ? (
          <div>
            <dt>Wassenaar code given</dt>
            <dd className="code">{provision.wassenaarCode}</dd>
          </div>
        ) : null}
        {provision.regimeMarkers.length > 0 ? (
          <div>
            <dt>Markers as printed</dt>
            <dd>{provision.regimeMarkers.join(' ')}</dd>
          </div>
        ) : null}
      </dl>
      <p className="prov-source-line">
        <SourceLink citation={provision.citation} label="Source of this text" />
      </p>
      <p className="prov-actions">
        <Link
          className="prov-button"
          to={`/classify?regime=${encodeURIComponent(provision.regime)}&entry=${encodeURIComponent(provision.entryCode)}`}
        >
          Classify an item against this entry
        </Link>{' '}
        {provision.regime === 'US_EAR' || provision.regime === 'EU' || provision.regime === 'UK' ? (
          <Link
            className="prov-button"
            to={`/licence?entries=${encodeURIComponent(provision.code)}&regimes=${encodeURIComponent(provision.regime)}`}
          >
            Do I need a licence for this entry?
          </Link>
        ) : null}
      </p>
    </header>
  );
}
