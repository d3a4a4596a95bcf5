// The figures of a paragraph next to its text: the key thresholds as the list prints them, and
// the encoded logic (conditions, decontrol notes, control-table lines) the classifier evaluates,
// each condition with its verbatim words. Values are shown exactly as the API stores them; a
// value the API leaves null is "not recorded", never inferred from the text.
import type { ProvisionGroupFragment, ProvisionThresholdFragment } from '../gql/graphql';
import { labelOf, REGIME_LABELS } from './labels';
import { SourceLink } from './provision-source';

/** A threshold group with its sub-groups, to the depth the page's query fetches. */
export type GroupNode = ProvisionGroupFragment & { groups?: readonly GroupNode[] };

const OPERATOR_LABELS: Record<string, string> = {
  ALL_OF: 'All of the following',
  ANY_OF: 'Any of the following',
  NOT: 'Not the following',
};

const COMPARATOR_SIGNS: Record<string, string> = { GT: '>', GTE: '≥', LT: '<', LTE: '≤', EQ: '=' };

function figure(value: number | null, unit: string | null): string {
  if (value === null) return 'value not recorded';
  return unit === null ? String(value) : `${value} ${unit}`;
}

/** What an encoded threshold requires, in the API's own terms (fact name, comparator, value, unit). */
export function describeThreshold(threshold: ProvisionThresholdFragment): string {
  const fact = threshold.parameter ?? 'fact not recorded';
  switch (threshold.comparator) {
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE':
    case 'EQ':
      return `${fact} ${COMPARATOR_SIGNS[threshold.comparator]} ${figure(threshold.value, threshold.unit)}`;
    case 'BETWEEN':
    case 'RANGE_EXCLUSIVE_MIN': {
      const low = threshold.minInclusive === true ? '≥' : threshold.minInclusive === false ? '>' : '(bound unknown)';
      const high = threshold.maxInclusive === true ? '≤' : threshold.maxInclusive === false ? '<' : '(bound unknown)';
      return `${fact} ${low} ${figure(threshold.value, threshold.unit)} and ${high} ${figure(threshold.valueMax, threshold.unit)}`;
    }
    case 'BOOLEAN':
      return threshold.booleanValue === null
        ? `${fact}: required value not recorded`
        : `${fact} = ${threshold.booleanValue ? 'yes' : 'no'}`;
    case 'IN':
      return `${fact} is one of: ${threshold.values.length > 0 ? threshold.values.join(', ') : 'none recorded'}`;
    case 'REFERENCE': {
      const subject = threshold.refSubject === 'COMPONENT' ? 'a component controlled by' : 'controlled by';
      const regime = threshold.refRegime === null ? '' : ` (${labelOf(REGIME_LABELS, threshold.refRegime)})`;
      return `${subject} ${threshold.ref ?? 'a paragraph not recorded'}${regime}`;
    }
    default:
      return 'not encoded';
  }
}

const ROLE_LABELS: Record<string, string> = {
  CONDITIONS: 'Conditions of the paragraph',
  EXCLUSION: 'Decontrol note',
  CONTROL_REASON: 'Control-table line',
};

function EncodedThreshold({ threshold }: { threshold: ProvisionThresholdFragment }) {
  return (
    <li className="prov-condition">
      <span className="prov-required">{describeThreshold(threshold)}</span>
      <span className="prov-condition-text">“{threshold.textVerbatim}”</span>
      {threshold.note !== null ? <span className="prov-condition-note">Reading: {threshold.note}</span> : null}
      {threshold.exponentNote !== null ? (
        <span className="prov-condition-note">Figure read as: {threshold.exponentNote}</span>
      ) : null}
    </li>
  );
}

function Group({ group, root, paragraph }: { group: GroupNode; root: boolean; paragraph?: string }) {
  return (
    <div className={root ? 'prov-group prov-group-root' : 'prov-group'}>
      {root ? (
        <p className="prov-group-title">
          <strong>{labelOf(ROLE_LABELS, group.role)}</strong>
          {paragraph !== undefined && group.paragraph !== paragraph ? <> of {group.paragraph}</> : null}
          {group.label !== null ? <> — {group.label}</> : null}
          {group.reason !== null ? <> (reason for control {group.reason})</> : null}
          {group.appliesTo.length > 0 ? <> — applies to {group.appliesTo.join(', ')}</> : null}
        </p>
      ) : null}
      {group.textVerbatim !== null ? <p className="prov-condition-text">“{group.textVerbatim}”</p> : null}
      {group.movesTo !== null ? (
        <p>
          Goes instead to <span className="code">{group.movesTo}</span>
          {group.movesToText !== null ? <>: “{group.movesToText}”</> : null}
        </p>
      ) : null}
      <p className="prov-operator">{labelOf(OPERATOR_LABELS, group.operator)}:</p>
      <ul className="prov-conditions">
        {group.thresholds.map((threshold) => (
          <EncodedThreshold key={threshold.id} threshold={threshold} />
        ))}
        {(group.groups ?? []).map((sub) => (
          <li key={sub.id}>
            <Group group={sub} root={false} />
          </li>
        ))}
      </ul>
      {root ? <SourceLink citation={group.citation} compact /> : null}
    </div>
  );
}

/**
 * The thresholds and encoded logic of one paragraph. `verbatim` are rows that carry only the
 * printed words; `groups` are root groups of the encoded logic.
 */
export function ParagraphThresholds({
  code,
  verbatim,
  groups,
}: {
  code: string;
  verbatim: readonly ProvisionThresholdFragment[];
  groups: readonly GroupNode[];
}) {
  if (verbatim.length === 0 && groups.length === 0) return null;
  return (
    <div className="prov-thresholds">
      {verbatim.length > 0 ? (
        <>
          <p className="prov-thresholds-title">Key thresholds as printed</p>
          <ul className="prov-key-thresholds">
            {verbatim.map((threshold) => (
              <li key={threshold.id}>
                {threshold.paragraph !== code ? <span className="code">{threshold.paragraph}: </span> : null}“
                {threshold.textVerbatim}”
                {threshold.exponentNote !== null ? (
                  <span className="prov-condition-note">Figure read as: {threshold.exponentNote}</span>
                ) : null}{' '}
                <SourceLink citation={threshold.citation} compact />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {groups.length > 0 ? (
        <details className="prov-encoded">
          <summary className="prov-thresholds-title">
            Encoded conditions the classifier evaluates ({groups.length} {groups.length === 1 ? 'group' : 'groups'})
          </summary>
          {groups.map((group) => (
            <Group key={group.id} group={group} root paragraph={code} />
          ))}
        </details>
      ) : null}
    </div>
  );
}
