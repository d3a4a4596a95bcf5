// Dataset "threshold-encodings": the criteria of seed/encodings (the rulebook classifyItem
// evaluates) as ThresholdGroup trees and Threshold rows. Each paragraph's conditions, each
// exclusion note and each control-table line with conditions becomes one root group (role
// CONDITIONS / EXCLUSION / CONTROL_REASON); `all` / `any` / `not` become ALL_OF / ANY_OF / NOT
// groups, criteria become thresholds (sourceKey encoding:<file>:<criterion id>). Rows attach to
// the paragraph's provision, or its nearest stored ancestor (3A090.b), and cite
// that provision's source. The 107 verbatim rows of control-entries are not touched. Rows the
// files no longer hold are retired (kept, hidden, audited), never deleted.
import { join } from 'node:path';
import type { Comparator, Regime, ThresholdGroupRole } from '../../generated/prisma/client.js';
import type { Criterion, Expression, ParagraphNode } from '../../classification/encoding-schema.js';
import { isCriterion } from '../../classification/evaluate-expression.js';
import { loadRulebook, type EncodedRegime, type Rulebook } from '../../classification/rulebook.js';
import type { Importer } from '../importer.js';
import type { SeedRow, Tx } from '../model-rows.js';
import { SeedReferenceError } from '../reference-lookups.js';
import { stableId } from '../stable-id.js';
import { syncTable, type TableSpec } from '../sync.js';

/** Prefix of every encoded ThresholdGroup and Threshold sourceKey. */
export const ENCODING_KEY_PREFIX = 'encoding:';

export type ThresholdGroupRow = SeedRow<'ThresholdGroup'>;
export type EncodedThresholdRow = SeedRow<'Threshold'>;

// Encoded rows are retired, never deleted, when the files no longer hold them; the verbatim
// thresholds of control-entries (other source keys) are out of scope.
const THRESHOLD_GROUP_TABLE: TableSpec<'ThresholdGroup'> = {
  model: 'ThresholdGroup',
  key: ['sourceKey'],
  references: ['provisionId', 'parentGroupId', 'citationId'],
  retire: { scope: { sourceKey: { startsWith: ENCODING_KEY_PREFIX } } },
  insertAsJson: true,
};
const ENCODED_THRESHOLD_TABLE: TableSpec<'Threshold'> = {
  model: 'Threshold',
  key: ['sourceKey'],
  references: ['provisionId', 'groupId', 'citationId'],
  retire: { scope: { sourceKey: { startsWith: ENCODING_KEY_PREFIX } } },
  insertAsJson: true,
};

/** Seed sub-directory of the encodings (its top-level *.json files make the dataset's checksum). */
export const ENCODINGS_SEED_DIR = 'encodings';

/** Encoded thresholds sort after a provision's verbatim rows: ordinal = this + position in the file. */
export const ENCODED_ORDINAL_BASE = 10_000;

const REGIMES: Readonly<Record<EncodedRegime, Regime | null>> = {
  US_EAR: 'US_EAR',
  EU: 'EU',
  UK: 'UK',
  WASSENAAR: 'WASSENAAR',
  OTHER: null,
};

function regimeOf(regime: EncodedRegime, where: string): Regime {
  const mapped = REGIMES[regime];
  if (!mapped)
    throw new SeedReferenceError(`${where}: encodings of regime ${regime} have no control list to attach to`);
  return mapped;
}

/** Largest magnitude and finest fraction Threshold.value (Decimal(30, 10)) holds. */
const DECIMAL_TEXT = /^-?\d{1,20}(\.\d{1,10})?$/;

/** The number as exact decimal text; fails rather than round a value the column cannot hold. */
export function decimalText(value: number, where: string): string {
  let text = String(value);
  if (/e/i.test(text)) text = value.toFixed(10).replace(/\.?0+$/, '');
  if (!DECIMAL_TEXT.test(text) || Number(text) !== value) {
    throw new SeedReferenceError(`${where}: ${value} cannot be stored exactly as Decimal(30, 10)`);
  }
  return text;
}

interface StoredProvision {
  id: string;
  citationId: string;
}

/**
 * The CURRENT provision of this code in this regime's main list, or of its nearest ancestor code
 * (6A003.b.4.b -> 6A003.b.4 -> ...). Supplementary lists restating a code are never attached to.
 */
async function provisionResolver(
  tx: Tx,
  rulebook: Rulebook,
): Promise<(regime: Regime, code: string, where: string) => StoredProvision> {
  const entries = [...new Set(rulebook.entries.map((entry) => entry.encoding.entry))];
  const rows = await tx.controlProvision.findMany({
    where: { status: 'CURRENT', inMainList: true, entryCode: { in: entries } },
    select: { id: true, regime: true, code: true, citationId: true },
    orderBy: { id: 'asc' },
  });
  const byCode = new Map<string, StoredProvision>();
  for (const row of rows) {
    const key = `${row.regime}|${row.code}`;
    if (!byCode.has(key)) byCode.set(key, { id: row.id, citationId: row.citationId });
  }
  return (regime, code, where) => {
    for (let candidate = code; ;) {
      const found = byCode.get(`${regime}|${candidate}`);
      if (found) return found;
      const cut = candidate.lastIndexOf('.');
      if (cut < 0) break;
      candidate = candidate.slice(0, cut);
    }
    throw new SeedReferenceError(`${where}: no ${regime} provision ${code} (nor an ancestor of it) is in the database`);
  };
}

interface Attachment {
  provision: StoredProvision;
  paragraph: string;
  role: ThresholdGroupRole;
}

type RootFields = Pick<
  ThresholdGroupRow,
  'textVerbatim' | 'label' | 'exclusionKey' | 'movesTo' | 'movesToText' | 'reason' | 'appliesTo'
>;

const NO_ROOT_FIELDS: RootFields = {
  textVerbatim: null,
  label: null,
  exclusionKey: null,
  movesTo: null,
  movesToText: null,
  reason: null,
  appliesTo: [],
};

export interface EncodingRows {
  groups: ThresholdGroupRow[];
  thresholds: EncodedThresholdRow[];
}

/** The rows of every encoding file, groups parents first (pure: no database access but the provision look-up). */
export function encodingRows(
  rulebook: Rulebook,
  provisionOf: (regime: Regime, code: string, where: string) => StoredProvision,
): EncodingRows {
  const groups: ThresholdGroupRow[] = [];
  const thresholds: EncodedThresholdRow[] = [];
  const keys = new Set<string>();
  const rootCount = new Map<string, number>();

  for (const { file, encoding } of rulebook.entries) {
    const regime = regimeOf(encoding.regime, file);
    let inFile = 0;
    const claim = (sourceKey: string) => {
      if (keys.has(sourceKey))
        throw new SeedReferenceError(
          `${file}: two encoded rows would have the key ${sourceKey} (ids must be unique in a file)`,
        );
      keys.add(sourceKey);
      return sourceKey;
    };

    const criterionRow = (
      criterion: Criterion,
      at: Attachment,
      groupId: string,
      position: number,
    ): EncodedThresholdRow => {
      const where = `${file} criterion ${criterion.id}`;
      const sourceKey = claim(`${ENCODING_KEY_PREFIX}${file}:${criterion.id}`);
      const row: EncodedThresholdRow = {
        id: stableId('Threshold', sourceKey),
        sourceKey,
        provisionId: at.provision.id,
        groupId,
        paragraph: at.paragraph,
        parameter: null,
        comparator: 'EQ',
        value: null,
        valueMax: null,
        unit: null,
        dimension: null,
        minInclusive: null,
        maxInclusive: null,
        values: [],
        booleanValue: null,
        ref: null,
        refRegime: null,
        refSubject: null,
        note: criterion.note ?? null,
        criterionKey: criterion.id,
        textVerbatim: criterion.text,
        exponentNote: criterion.exponentNote ?? null,
        ordinal: ENCODED_ORDINAL_BASE + inFile++,
        position,
        citationId: at.provision.citationId,
      };
      const dimensionOf = (fact: string) => {
        const declaration = rulebook.facts.get(fact)?.declaration;
        return declaration?.type === 'number' ? declaration.dimension : null;
      };
      switch (criterion.comparator) {
        case 'GT':
        case 'GTE':
        case 'LT':
        case 'LTE':
        case 'EQ':
          return {
            ...row,
            parameter: criterion.fact,
            comparator: criterion.comparator satisfies Comparator,
            value: decimalText(criterion.value, where),
            unit: criterion.unit === '' ? null : criterion.unit,
            dimension: dimensionOf(criterion.fact),
          };
        case 'BETWEEN':
          return {
            ...row,
            parameter: criterion.fact,
            comparator: 'BETWEEN',
            value: decimalText(criterion.min, where),
            valueMax: decimalText(criterion.max, where),
            minInclusive: criterion.minInclusive,
            maxInclusive: criterion.maxInclusive,
            unit: criterion.unit === '' ? null : criterion.unit,
            dimension: dimensionOf(criterion.fact),
          };
        case 'IS':
          return { ...row, parameter: criterion.fact, comparator: 'BOOLEAN', booleanValue: criterion.value };
        case 'IN':
          return { ...row, parameter: criterion.fact, comparator: 'IN', values: [...criterion.values] };
        case 'REF':
          return {
            ...row,
            comparator: 'REFERENCE',
            ref: criterion.ref,
            refRegime: regimeOf(criterion.regime ?? encoding.regime, where),
            refSubject: criterion.subject === 'item' ? 'ITEM' : 'COMPONENT',
          };
      }
    };

    /** A group for a non-criterion expression, then its members (groups before their children). */
    const groupRows = (
      expression: Exclude<Expression, Criterion>,
      at: Attachment,
      sourceKey: string,
      parentGroupId: string | null,
      ordinal: number,
      fields: RootFields,
    ) => {
      const id = stableId('ThresholdGroup', claim(sourceKey));
      const [operator, members] =
        'all' in expression
          ? (['ALL_OF', expression.all] as const)
          : 'any' in expression
            ? (['ANY_OF', expression.any] as const)
            : (['NOT', [expression.not]] as const);
      groups.push({
        id,
        sourceKey,
        provisionId: at.provision.id,
        role: at.role,
        operator,
        parentGroupId,
        paragraph: at.paragraph,
        ...fields,
        textVerbatim: fields.textVerbatim ?? expression.text ?? null,
        ordinal,
        citationId: at.provision.citationId,
      });
      members.forEach((member, position) => {
        if (isCriterion(member)) thresholds.push(criterionRow(member, at, id, position));
        else groupRows(member, at, `${sourceKey}/${position}`, id, position, NO_ROOT_FIELDS);
      });
    };

    /** A root group: a lone criterion is wrapped in an ALL_OF group of one, so every encoded threshold has a group. */
    const rootRows = (expression: Expression, at: Attachment, sourceKey: string, fields: RootFields) => {
      const ordinal = rootCount.get(at.provision.id) ?? 0;
      rootCount.set(at.provision.id, ordinal + 1);
      groupRows(isCriterion(expression) ? { all: [expression] } : expression, at, sourceKey, null, ordinal, fields);
    };

    const visit = (node: ParagraphNode) => {
      const where = `${file} ${node.paragraph}`;
      const provision = provisionOf(regime, node.paragraph, where);
      const base = `${ENCODING_KEY_PREFIX}${file}:`;
      if (node.conditions) {
        const text = isCriterion(node.conditions) ? node.text : (node.conditions.text ?? node.text);
        rootRows(
          node.conditions,
          { provision, paragraph: node.paragraph, role: 'CONDITIONS' },
          `${base}${node.paragraph}:conditions`,
          {
            ...NO_ROOT_FIELDS,
            textVerbatim: text,
          },
        );
      }
      for (const exclusion of node.exclusions ?? []) {
        rootRows(
          exclusion.when,
          { provision, paragraph: node.paragraph, role: 'EXCLUSION' },
          `${base}${exclusion.id}`,
          {
            ...NO_ROOT_FIELDS,
            textVerbatim: exclusion.text,
            label: exclusion.label,
            exclusionKey: exclusion.id,
            movesTo: exclusion.movesTo?.paragraph ?? null,
            movesToText: exclusion.movesTo?.text ?? null,
          },
        );
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(encoding.root);

    const rootParagraph = encoding.root.paragraph;
    const entryProvision = provisionOf(regime, rootParagraph, `${file} control reasons`);
    (encoding.controlReasons ?? []).forEach((reason, index) => {
      if (!reason.when) return;
      rootRows(
        reason.when,
        { provision: entryProvision, paragraph: rootParagraph, role: 'CONTROL_REASON' },
        `${ENCODING_KEY_PREFIX}${file}:reason-${index}`,
        {
          ...NO_ROOT_FIELDS,
          textVerbatim: reason.text,
          label: reason.column,
          reason: reason.reason,
          appliesTo: [...(reason.paragraphs ?? [])],
        },
      );
    });
  }
  return { groups, thresholds };
}

export const thresholdEncodingsImporter: Importer = {
  name: 'threshold-encodings',
  files: [],
  directories: [ENCODINGS_SEED_DIR],
  dependsOn: ['us-ccl', 'us-ccl-history', 'eu-annex-i', 'control-entries'],
  async load(ctx) {
    const rulebook = loadRulebook(join(ctx.files.seedDir, ENCODINGS_SEED_DIR));
    const provisionOf = await provisionResolver(ctx.tx, rulebook);
    const { groups, thresholds } = encodingRows(rulebook, provisionOf);
    // Groups come parents first, so every group is inserted after the group it belongs to.
    await syncTable(ctx, THRESHOLD_GROUP_TABLE, groups);
    await syncTable(ctx, ENCODED_THRESHOLD_TABLE, thresholds);
  },
};
