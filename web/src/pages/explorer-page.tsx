// The GraphQL explorer at /graphql for browsers: GraphiQL bundled with the app (no CDN), with
// the schema's documentation, history, and saved example operations for each user group.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { EXPLORER_EXAMPLES } from '../explorer-examples';

export default function ExplorerPage() {
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: '/graphql' }), []);
  const tabs = useMemo(() => EXPLORER_EXAMPLES.map((example) => ({ query: example.query })), []);
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} defaultTabs={tabs}>
        <GraphiQL.Logo>
          <a href="/">Export Control KB</a> · API explorer
        </GraphiQL.Logo>
      </GraphiQL>
    </div>
  );
}
