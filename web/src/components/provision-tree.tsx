// The provision's text and its paragraph tree: each paragraph's verbatim text, the notes and
// technical notes the list prints with it, and its thresholds beside it. The thresholds and
// encoded groups of the whole tree are pooled and shown at the paragraph they name (EU
// paragraphs store theirs under the entry); any that name no paragraph of the tree stay with
// the entry, labelled with the paragraph they give.
import type { ProvisionParagraphFragment, ProvisionThresholdFragment } from '../gql/graphql';
import { SourceLink, Verbatim } from './provision-source';
import { ParagraphThresholds, type GroupNode } from './provision-thresholds';

/** A paragraph with its sub-paragraphs. */
export type ParagraphNode = ProvisionParagraphFragment & { children: readonly ParagraphNode[] };

/**
 * The tree of a provision from the flat list of every paragraph under it (in the order of the
 * text, each naming its parent): one field, however deep the list nests.
 */
export function paragraphTree(
  root: ProvisionParagraphFragment,
  paragraphs: readonly (ProvisionParagraphFragment & { parent: { id: string } | null })[],
): ParagraphNode {
  const nodes = new Map<string, ParagraphNode & { children: ParagraphNode[] }>();
  const top = { ...root, children: [] as ParagraphNode[] };
  nodes.set(root.id, top);
  for (const paragraph of paragraphs) nodes.set(paragraph.id, { ...paragraph, children: [] });
  for (const paragraph of paragraphs) {
    const node = nodes.get(paragraph.id);
    const parent = paragraph.parent === null ? undefined : nodes.get(paragraph.parent.id);
    // A paragraph whose parent is not in the list sits under the root rather than vanish.
    if (node !== undefined) (parent ?? top).children.push(node);
  }
  return top;
}

const NOTE_KIND_LABELS: Record<string, string> = { NOTE: 'Note', TECHNICAL_NOTE: 'Technical note', NB: 'N.B.' };

interface Pool {
  regime: string;
  verbatim: Map<string, ProvisionThresholdFragment[]>;
  groups: Map<string, GroupNode[]>;
}

function pool(root: ParagraphNode, regime: string): { byParagraph: Pool; codes: Set<string> } {
  const verbatim = new Map<string, ProvisionThresholdFragment[]>();
  const groups = new Map<string, GroupNode[]>();
  const seen = new Set<string>();
  const codes = new Set<string>();
  const visit = (node: ParagraphNode) => {
    codes.add(node.code);
    for (const threshold of node.thresholds) {
      if (seen.has(threshold.id)) continue;
      seen.add(threshold.id);
      verbatim.set(threshold.paragraph, [...(verbatim.get(threshold.paragraph) ?? []), threshold]);
    }
    for (const group of node.thresholdGroups) {
      if (seen.has(group.id)) continue;
      seen.add(group.id);
      groups.set(group.paragraph, [...(groups.get(group.paragraph) ?? []), group]);
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return { byParagraph: { regime, verbatim, groups }, codes };
}

export function ProvisionTree({ root, regime }: { root: ParagraphNode; regime: string }) {
  const { byParagraph, codes } = pool(root, regime);
  // Figures whose paragraph is not in the tree (e.g. "6A003 note/block") stay with the entry.
  const strayVerbatim = [...byParagraph.verbatim.entries()]
    .filter(([paragraph]) => !codes.has(paragraph))
    .flatMap(([, rows]) => rows);
  const strayGroups = [...byParagraph.groups.entries()]
    .filter(([paragraph]) => !codes.has(paragraph))
    .flatMap(([, rows]) => rows);
  return (
    <div className="prov-tree">
      <Paragraph node={root} pool={byParagraph} extraVerbatim={strayVerbatim} extraGroups={strayGroups} isRoot />
    </div>
  );
}

function Notes({ node }: { node: ParagraphNode }) {
  if (node.listNotes.length === 0 && node.notes === null) return null;
  return (
    <div className="prov-notes">
      {node.listNotes.map((note, index) => (
        <div key={`${note.label}-${index}`} className={`prov-note prov-note-${note.kind.toLowerCase()}`}>
          <p className="prov-note-label">
            <strong>{note.label}</strong> <span className="badge">{NOTE_KIND_LABELS[note.kind] ?? note.kind}</span>
            {note.appliesTo.length > 0 ? <> — concerns {note.appliesTo.join(', ')}</> : null}
          </p>
          <Verbatim text={note.text} />
          {note.scopeInText !== null ? (
            <p className="prov-condition-note">Scope in its words: {note.scopeInText}</p>
          ) : null}
          <SourceLink citation={note.citation} compact />
        </div>
      ))}
      {node.notes !== null ? (
        <div className="prov-note prov-note-recorded">
          <p className="prov-note-label">
            <strong>Recorded with this {node.code.includes('.') ? 'paragraph' : 'entry'}</strong>
          </p>
          <Verbatim text={node.notes} />
          <SourceLink citation={node.citation} compact />
        </div>
      ) : null}
    </div>
  );
}

function Paragraph({
  node,
  pool,
  extraVerbatim = [],
  extraGroups = [],
  isRoot = false,
}: {
  node: ParagraphNode;
  pool: Pool;
  extraVerbatim?: readonly ProvisionThresholdFragment[];
  extraGroups?: readonly GroupNode[];
  isRoot?: boolean;
}) {
  const verbatim = [...(pool.verbatim.get(node.code) ?? []), ...extraVerbatim];
  const groups = [...(pool.groups.get(node.code) ?? []), ...extraGroups];
  const children = node.children;
  const hasFigures = verbatim.length > 0 || groups.length > 0;
  return (
    <div className={isRoot ? 'prov-paragraph prov-paragraph-root' : 'prov-paragraph'} id={`paragraph-${node.code}`}>
      <div className={hasFigures ? 'prov-paragraph-body has-figures' : 'prov-paragraph-body'}>
        <div className="prov-paragraph-text">
          {isRoot ? null : (
            <p className="prov-paragraph-code">
              <span className="code">{node.code}</span>
            </p>
          )}
          {isRoot && node.text.length > 600 ? (
            <details className="prov-full-text">
              <summary>Full text of the entry as the list prints it ({node.text.length} characters)</summary>
              <Verbatim text={node.text} />
            </details>
          ) : (
            <Verbatim text={node.text} />
          )}
          <SourceLink citation={node.citation} compact />
          <Notes node={node} />
        </div>
        {hasFigures ? <ParagraphThresholds code={node.code} verbatim={verbatim} groups={groups} /> : null}
      </div>
      {children.length > 0 ? (
        <ol className="prov-children" aria-label={`Paragraphs of ${node.code}`}>
          {children.map((child) => (
            <li key={child.code}>
              <Paragraph node={child} pool={pool} />
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
