// Search, the home page: results as you type, one per entry with its best paragraphs, facets,
// highlights and the query as the engine understood it. All state lives in the URL
// (/search?q=…&type=…&regime=…&category=…&jurisdiction=…&after=…).
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SearchDocument } from '../api/search-documents';
import { useQuery } from '../api/use-query';
import { CATEGORY_LABELS, labelOf, REGIME_LABELS, REMOVED_REASON_LABELS, TYPE_LABELS } from '../components/labels';
import { MarkedSnippet } from '../components/marked-snippet';
import type { Regime, SearchableType, WebSearchQuery } from '../gql/graphql';

/** Pause after the last keystroke before searching. */
const TYPING_PAUSE_MS = 200;
const PAGE_SIZE = 20;
const FACET_FIELDS = [
  { field: 'type', param: 'type', title: 'Kind of record', labels: TYPE_LABELS },
  { field: 'regime', param: 'regime', title: 'List', labels: REGIME_LABELS },
  { field: 'jurisdiction', param: 'jurisdiction', title: 'Jurisdiction', labels: {} },
  { field: 'category', param: 'category', title: 'Category', labels: CATEGORY_LABELS },
] as const;

type Edge = NonNullable<WebSearchQuery['search']>['edges'][number];

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [typed, setTyped] = useState(query);
  const input = useRef<HTMLInputElement>(null);

  // The box follows the URL (back and forward buttons, links to a search).
  useEffect(() => setTyped(query), [query]);

  useEffect(() => {
    if (typed === query) return;
    const timer = setTimeout(() => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (typed.trim() === '') next.delete('q');
          else next.set('q', typed);
          next.delete('after');
          return next;
        },
        { replace: true },
      );
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed, query, setParams]);

  // "/" anywhere on the page goes to the search box, as on most sites with search.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key === '/' && target?.tagName !== 'INPUT' && target?.tagName !== 'TEXTAREA') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const variables = useMemo(() => {
    if (query.trim() === '') return null;
    const list = (name: string) => params.getAll(name);
    const types = list('type') as SearchableType[];
    const regimes = list('regime') as Regime[];
    const filter = {
      ...(regimes.length > 0 ? { regime: regimes } : {}),
      ...(list('category').length > 0 ? { category: list('category') } : {}),
      ...(list('jurisdiction').length > 0 ? { jurisdiction: list('jurisdiction') } : {}),
    };
    return {
      query,
      first: PAGE_SIZE,
      ...(types.length > 0 ? { types } : {}),
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
      ...(params.get('after') !== null ? { after: params.get('after') } : {}),
    };
  }, [params, query]);
  const state = useQuery(SearchDocument, variables);
  const result =
    state.status === 'done' ? state.data.search : state.status === 'loading' ? (state.previous?.search ?? null) : null;

  const toggle = (param: string, value: string) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      const values = next.getAll(param);
      next.delete(param);
      for (const kept of values.includes(value) ? values.filter((v) => v !== value) : [...values, value])
        next.append(param, kept);
      next.delete('after');
      return next;
    });
  };

  return (
    <section className="page search-page">
      <h1 className="visually-hidden">Search</h1>
      <form role="search" className="search-form" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="search-box">Search the control lists, exemptions, guidance and impact data</label>
        <input
          id="search-box"
          ref={input}
          type="search"
          value={typed}
          autoFocus
          autoComplete="off"
          placeholder='e.g. "thermal camera", "6A003", "can we publish lidar research"'
          onChange={(event) => setTyped(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              focusResult(0);
            }
          }}
        />
        <p className="hint">
          Press <kbd>/</kbd> to search, <kbd>↓</kbd> and <kbd>↑</kbd> to move through the results, <kbd>Enter</kbd> to
          open one.
        </p>
      </form>

      {query.trim() === '' ? (
        <Welcome />
      ) : state.status === 'error' ? (
        <p role="alert" className="error">
          The search failed: {state.error.message}
        </p>
      ) : result === null ? (
        <p className="loading" aria-live="polite">
          Searching…
        </p>
      ) : (
        <div className="search-layout">
          <aside className="facets" aria-label="Narrow the results">
            {FACET_FIELDS.map(({ field, param, title, labels }) => {
              const values = result.facets.filter((facet) => facet.field === field);
              if (values.length === 0) return null;
              const selected = params.getAll(param);
              return (
                <fieldset key={field}>
                  <legend>{title}</legend>
                  {values.map((facet) => (
                    <label key={facet.value} className="facet">
                      <input
                        type="checkbox"
                        checked={selected.includes(facet.value)}
                        onChange={() => toggle(param, facet.value)}
                      />
                      <span>{labelOf(labels, facet.value)}</span> <span className="count">{facet.count}</span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </aside>
          <div className="results-column">
            <Interpretation search={result} onSuggestion={(text) => setTyped(text)} />
            <p className="summary" aria-live="polite">
              {result.totalCount === 0
                ? 'No results.'
                : `${result.totalCount} result${result.totalCount === 1 ? '' : 's'}`}
              {state.status === 'loading' ? ' (updating…)' : ''}
            </p>
            <ol className="results" aria-label="Search results">
              {result.edges.map((edge, index) => (
                <ResultItem key={edge.cursor} edge={edge} index={index} />
              ))}
            </ol>
            <nav className="pager" aria-label="Pages">
              {params.get('after') !== null ? (
                <button
                  type="button"
                  onClick={() =>
                    setParams((current) => {
                      const next = new URLSearchParams(current);
                      next.delete('after');
                      return next;
                    })
                  }
                >
                  First page
                </button>
              ) : null}
              {result.pageInfo.hasNextPage && result.pageInfo.endCursor !== null ? (
                <button
                  type="button"
                  onClick={() =>
                    setParams((current) => {
                      const next = new URLSearchParams(current);
                      next.set('after', result.pageInfo.endCursor ?? '');
                      return next;
                    })
                  }
                >
                  Next results
                </button>
              ) : null}
            </nav>
          </div>
        </div>
      )}
    </section>
  );
}

function focusResult(index: number) {
  const links = document.querySelectorAll<HTMLAnchorElement>('.results > li > article .result-title a');
  links[Math.max(0, Math.min(index, links.length - 1))]?.focus();
}

function onResultKey(event: KeyboardEvent, index: number) {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    focusResult(index + 1);
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    if (index === 0) document.getElementById('search-box')?.focus();
    else focusResult(index - 1);
  }
}

function Welcome() {
  const examples = [
    'thermal camera',
    'do I need a licence to export a lidar to China',
    'fundamental research',
    '6A003',
  ];
  return (
    <div className="welcome">
      <p>Search the US, EU, Wassenaar and UK control lists and the exemptions, guidance and data around them.</p>
      <p>Try:</p>
      <ul className="examples">
        {examples.map((example) => (
          <li key={example}>
            <Link to={`/search?q=${encodeURIComponent(example)}`}>{example}</Link>
          </li>
        ))}
      </ul>
      <p>
        Research office? <Link to="/exemptions">Check whether an exemption covers a project</Link>. Exporting a product?{' '}
        <Link to="/classify">Classify it step by step</Link>.
      </p>
    </div>
  );
}

function Interpretation({
  search,
  onSuggestion,
}: {
  search: NonNullable<WebSearchQuery['search']>;
  onSuggestion: (text: string) => void;
}) {
  const understood = search.interpretedQuery;
  const changed = understood.searchedText.trim().toLowerCase() !== understood.original.trim().toLowerCase();
  return (
    <div className="interpretation">
      {changed ? (
        <p>
          Searched for <strong>{understood.searchedText || '(nothing left)'}</strong>
          {understood.removed.length > 0 ? (
            <>
              {' '}
              — left out:{' '}
              {understood.removed.map((part, index) => (
                <span key={`${part.text}-${index}`} className="removed">
                  “{part.text}” ({labelOf(REMOVED_REASON_LABELS, part.reason)})
                  {index < understood.removed.length - 1 ? ', ' : ''}
                </span>
              ))}
            </>
          ) : null}
        </p>
      ) : null}
      {understood.destination !== null && understood.destination !== undefined ? (
        <p>
          Destination: <strong>{understood.destination.name}</strong> ({understood.destination.code}). To see what
          applies there, use the <Link to="/classify">classification wizard</Link> or the{' '}
          <Link to="/exemptions">exemption checker</Link>.
        </p>
      ) : null}
      {understood.unmatchedWords.length > 0 ? (
        <p>No text holds: {understood.unmatchedWords.map((word) => `“${word}”`).join(', ')}.</p>
      ) : null}
      {search.didYouMean !== null && search.didYouMean !== undefined ? (
        <p>
          Did you mean{' '}
          <button type="button" className="link-button" onClick={() => onSuggestion(search.didYouMean ?? '')}>
            {search.didYouMean}
          </button>
          ?{search.relaxedQuery !== null && search.relaxedQuery !== undefined ? ' Showing results for it.' : ''}
        </p>
      ) : null}
    </div>
  );
}

function ResultItem({ edge, index }: { edge: Edge; index: number }) {
  const node = edge.node;
  const view = describe(node);
  return (
    <li>
      <article className="result" aria-labelledby={`result-${index}`}>
        <p className="result-meta">
          <span className="badge">{labelOf(TYPE_LABELS, typeOf(node.__typename))}</span>
          {view.regime !== null ? <span className="badge regime">{labelOf(REGIME_LABELS, view.regime)}</span> : null}
          {view.meta !== null ? <span>{view.meta}</span> : null}
        </p>
        <h2 className="result-title" id={`result-${index}`}>
          {view.internal !== null ? (
            <Link to={view.internal} onKeyDown={(event) => onResultKey(event, index)}>
              {view.code !== null ? <span className="code">{view.code}</span> : null} {view.title}
            </Link>
          ) : (
            <a href={view.external ?? '#'} onKeyDown={(event) => onResultKey(event, index)} rel="noreferrer">
              {view.code !== null ? <span className="code">{view.code}</span> : null} {view.title}
            </a>
          )}
        </h2>
        {edge.highlights
          .filter((highlight) => highlight.field === 'body')
          .slice(0, 1)
          .map((highlight) => (
            <p key={highlight.field} className="snippet">
              <MarkedSnippet snippet={highlight.snippet} />
            </p>
          ))}
        {edge.paragraphs.length > 0 ? (
          <ul className="paragraphs" aria-label="Best-matching paragraphs">
            {edge.paragraphs.map((paragraph) => (
              <li key={paragraph.node.id}>
                <Link to={provisionPath(paragraph.node.regime, paragraph.node.code)}>
                  <span className="code">{paragraph.node.code}</span>
                </Link>{' '}
                {paragraph.highlights
                  .filter((highlight) => highlight.field !== 'codes')
                  .slice(0, 1)
                  .map((highlight) => (
                    <MarkedSnippet key={highlight.field} snippet={highlight.snippet} />
                  ))}
              </li>
            ))}
          </ul>
        ) : null}
        {view.source !== null ? (
          <p className="source">
            Source:{' '}
            <a href={view.source.url} rel="noreferrer">
              {view.source.title}
            </a>
          </p>
        ) : null}
      </article>
    </li>
  );
}

export function provisionPath(regime: string, code: string): string {
  return `/provisions/${encodeURIComponent(regime)}/${encodeURIComponent(code)}`;
}

function typeOf(typename: string): string {
  switch (typename) {
    case 'ControlProvision':
      return 'PROVISION';
    case 'Exemption':
      return 'EXEMPTION';
    case 'GuidanceDocument':
      return 'GUIDANCE_DOCUMENT';
    case 'ImpactAssessment':
      return 'IMPACT_ASSESSMENT';
    case 'ListText':
      return 'LIST_TEXT';
    default:
      return 'CONSULTATION';
  }
}

interface ResultView {
  title: string;
  code: string | null;
  regime: string | null;
  meta: string | null;
  internal: string | null;
  external: string | null;
  source: { url: string; title: string } | null;
}

function sourceOf(citation: { url?: string | null; title?: string | null }): ResultView['source'] {
  return citation.url ? { url: citation.url, title: citation.title ?? citation.url } : null;
}

function describe(node: Edge['node']): ResultView {
  switch (node.__typename) {
    case 'ControlProvision':
      return {
        title: node.title,
        code: node.code,
        regime: node.regime,
        meta: node.categoryName,
        internal: provisionPath(node.regime, node.code),
        external: null,
        source: sourceOf(node.citation),
      };
    case 'Exemption':
      return {
        title: node.name,
        code: null,
        regime: null,
        meta: `${node.typeLabel} · ${node.regimeLabel} · ${node.legalBasis}`,
        internal: `/exemptions?focus=${encodeURIComponent(node.id)}`,
        external: null,
        source: sourceOf(node.citation),
      };
    case 'GuidanceDocument':
      return {
        title: node.title,
        code: null,
        regime: null,
        meta: node.issuer,
        internal: null,
        external: node.url ?? node.citation.url ?? null,
        source: sourceOf(node.citation),
      };
    case 'ImpactAssessment':
      return {
        title: node.title,
        code: null,
        regime: null,
        meta: node.publisher,
        internal: `/dashboards?assessment=${encodeURIComponent(node.id)}`,
        external: null,
        source: sourceOf(node.citation),
      };
    case 'ListText':
      return {
        title: node.label,
        code: null,
        regime: node.controlList.regime,
        meta: node.kind,
        internal: null,
        external: node.citation.url ?? null,
        source: sourceOf(node.citation),
      };
    case 'StakeholderConsultation':
      return {
        title: node.title,
        code: node.reference ?? null,
        regime: null,
        meta: null,
        internal: `/dashboards?consultation=${encodeURIComponent(node.id)}`,
        external: null,
        source: sourceOf(node.citation),
      };
  }
}
