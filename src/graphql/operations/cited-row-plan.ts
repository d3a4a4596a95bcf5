// What a request asks of the provisions (and their citations) an answer cites, planned by
// Pothos from the selection, so the service reads them in one statement with exactly the
// columns and relations asked for.
import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Prisma } from '../../generated/prisma/client.js';
import type { CitedRowPlan } from '../../services/provision-citations.js';
import type { GraphQLContext } from '../context.js';

/** `provisionPaths` and `citationPaths` are where ControlProvision and Citation objects sit in the answer. */
export function citedRowPlan(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  provisionPaths: string[][],
  citationPaths: string[][],
): CitedRowPlan {
  const base = { id: true, code: true, regime: true, status: true, textDate: true } as const;
  const provision = queryFromInfo({ context, info, typeName: 'ControlProvision', paths: provisionPaths, select: base });
  const citation = queryFromInfo({ context, info, typeName: 'Citation', paths: citationPaths, select: { id: true } });
  return {
    provision: (provision.select ?? {}) as Prisma.ControlProvisionSelect,
    citation: (citation.select ?? {}) as Prisma.CitationSelect,
  };
}
