// The GraphQL explorer at /graphql for browsers: GraphiQL bundled with the app (no CDN), with
// the schema's documentation, history, and saved example operations for each user group. The
// schema comes from the committed SDL the app is built with, not from introspection, which the
// service keeps to development and key holders.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { buildSchema } from 'graphql';
import { useMemo } from 'react';
import schemaSdl from '../../../schema/schema.graphql?raw';
import { EXPLORER_EXAMPLES } from '../explorer-examples';

export default function ExplorerPage() {
  const fetcher = useMemo(() => createGraphiQLFetcher({ url: '/graphql' }), []);
  const schema = useMemo(() => buildSchema(schemaSdl), []);
  const tabs = useMemo(() => EXPLORER_EXAMPLES.map((example) => ({ query: example.query })), []);
  return (
    <div className="explorer">
      <GraphiQL fetcher={fetcher} schema={schema} defaultTabs={tabs}>
        <GraphiQL.Logo>
          <a href="/">Export Control KB</a> · API explorer
        </GraphiQL.Logo>
      </GraphiQL>
    </div>
  );
}
