// Exemptions, licence exceptions and decontrol notes recorded as touching the provision, each
// with why it is linked (named in its text, or inferred from the kind of item) and its source.
import { Link } from 'react-router';
import type { PageProvision } from './provision-header';
import { KnownDate, SourceLink } from './provision-source';

const BASIS_LABELS: Record<string, string> = {
  EXPLICIT: 'names this entry or paragraph',
  ITEM_TYPE_SCOPE: 'covers this kind of item (inferred from scope, not named in its text)',
};

export function ProvisionExemptions({ provision }: { provision: PageProvision }) {
  return (
    <section className="prov-section" aria-labelledby="prov-exemptions">
      <h2 id="prov-exemptions">Exemptions and decontrol notes</h2>
      {provision.exemptions.length === 0 ? (
        <p className="prov-unknown">
          None recorded as applying to this provision. That is what the knowledge base holds, not a finding that none
          applies.
        </p>
      ) : (
        <ul className="prov-exemption-list">
          {provision.exemptions.map(({ exemption, basis, note }) => (
            <li key={exemption.id} className="prov-exemption">
              <p className="prov-exemption-title">
                <Link to={`/exemptions?focus=${encodeURIComponent(exemption.id)}`}>{exemption.name}</Link>
                {exemption.revoked ? <span className="badge prov-badge-warn">revoked</span> : null}
              </p>
              <p>
                {exemption.typeLabel} · {exemption.regimeLabel} · {exemption.legalBasis}
              </p>
              <p>Linked because it {BASIS_LABELS[basis] ?? basis}.</p>
              {note !== null ? <p>{note}</p> : null}
              <p>
                Applies from <KnownDate date={exemption.validFrom} unknown="a date not stated" />
                {exemption.validTo !== null ? (
                  <>
                    {' '}
                    until <KnownDate date={exemption.validTo} /> (exclusive)
                  </>
                ) : null}
                .
              </p>
              {exemption.textNote !== null ? <p className="prov-condition-note">{exemption.textNote}</p> : null}
              <SourceLink citation={exemption.citation} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
