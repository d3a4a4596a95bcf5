// The peer the nested read is compared with: PostGraphile 4 on the same PostgreSQL tables, in a
// child process (postgraphile-server.ts says why), reached over HTTP like the project.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface PostGraphilePeer {
  /** The GraphQL endpoint. */
  url: string;
  close(): void;
}

export async function startPostGraphile(databaseUrl: string, poolSize: number): Promise<PostGraphilePeer> {
  const child = fork(
    fileURLToPath(new URL('./postgraphile-server.ts', import.meta.url)),
    [databaseUrl, String(poolSize)],
    {
      execArgv: ['--max-semi-space-size=32', '--import', 'tsx'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`PostGraphile exited (${code}) before listening`)));
  });
  return { url, close: () => child.disconnect() };
}

/**
 * The project's nested read in PostGraphile's generated schema: the same filter (current entries
 * of the main US list in category 6), order (code, then id) and fields. Thresholds the encodings
 * no longer hold are left out here too (`retiredAt: null` means IS NULL); exemptions come in the
 * order of their id, as PostGraphile 4 cannot order by a related row's column.
 */
export const POSTGRAPHILE_QUERY = `query NestedRead($first: Int!) {
  allControlProvisions(first: $first, orderBy: [REGIME_ASC, CODE_ASC, ID_ASC],
    condition: { regime: US_EAR, category: "6", kind: ENTRY, status: CURRENT, inMainList: true }) {
    nodes {
      code title
      thresholdsByProvisionId(orderBy: [ORDINAL_ASC, ID_ASC], condition: { retiredAt: null }) {
        nodes { paragraph textVerbatim exponentNote unit value }
      }
      exemptionProvisionsByProvisionId(orderBy: [EXEMPTION_ID_ASC]) {
        nodes { basis exemptionByExemptionId { name legalBasis kind } }
      }
      citationByCitationId { url repository path commit section }
    }
  }
}`;
