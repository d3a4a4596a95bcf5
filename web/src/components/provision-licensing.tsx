// Licensing facts of the provision as the list states them: reasons for control, the control
// table (reason and country-chart column) and list-based licence exceptions. The table and the
// exceptions are JSON passed through from the source and shown whole.
import type { PageProvision } from './provision-header';
import { JsonValue, SourceLink } from './provision-source';

export function ProvisionLicensing({ provision }: { provision: PageProvision }) {
  const nothing =
    provision.reasonsForControl.length === 0 &&
    (provision.controlTable === null || provision.controlTable === undefined) &&
    (provision.licenceExceptions === null || provision.licenceExceptions === undefined);
  return (
    <section className="prov-section" aria-labelledby="prov-licensing">
      <h2 id="prov-licensing">Licensing as the list states it</h2>
      {nothing ? (
        <p className="prov-unknown">
          The list states no reasons for control, control table or licence exceptions for this provision (not recorded
          here; this does not mean no licence is needed).
        </p>
      ) : (
        <>
          <h3>Reasons for control</h3>
          {provision.reasonsForControl.length > 0 ? (
            <ul className="prov-reasons">
              {provision.reasonsForControl.map((reason) => (
                <li key={reason} className="badge">
                  {reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="prov-unknown">Not stated by the list for this provision.</p>
          )}
          <h3>Control table</h3>
          {provision.controlTable !== null && provision.controlTable !== undefined ? (
            <JsonValue value={provision.controlTable} caption="Reasons for control and country-chart columns" />
          ) : (
            <p className="prov-unknown">None recorded for this provision.</p>
          )}
          <h3>Licence exceptions</h3>
          {provision.licenceExceptions !== null && provision.licenceExceptions !== undefined ? (
            <JsonValue value={provision.licenceExceptions} />
          ) : (
            <p className="prov-unknown">None recorded for this provision.</p>
          )}
          <p>
            <SourceLink citation={provision.citation} compact />
          </p>
        </>
      )}
      {provision.relatedControls !== null ? (
        <>
          <h3>Related controls</h3>
          <p className="prov-verbatim">{provision.relatedControls}</p>
        </>
      ) : null}
      {provision.sourceDefects !== null && provision.sourceDefects !== undefined ? (
        <div className="prov-warning">
          <h3>Defects of the source at this provision</h3>
          <p>Kept as the source gives them, not repaired:</p>
          <JsonValue value={provision.sourceDefects} />
        </div>
      ) : null}
    </section>
  );
}
