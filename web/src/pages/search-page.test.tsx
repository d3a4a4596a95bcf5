// The search page over a stubbed API answer: what it shows for a grouped result, how it reads
// the URL, and what it sends. The real API is exercised by the browser tests.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SearchPage } from './search-page';

const ANSWER = {
  data: {
    search: {
      totalCount: 2,
      processingTimeMs: 3,
      didYouMean: null,
      relaxedQuery: null,
      pageInfo: { hasNextPage: false, endCursor: 'c2' },
      interpretedQuery: {
        original: 'do I need a licence to export a thermal camera to Japan',
        searchedText: 'thermal camera',
        removed: [
          { text: 'do I need a licence to export', reason: 'QUESTION' },
          { text: 'to Japan', reason: 'DESTINATION' },
        ],
        preferredTypes: [],
        preferredRegimes: [],
        destination: { code: 'JP', name: 'Japan' },
        rewrittenCodes: [],
        unmatchedWords: [],
      },
      facets: [
        { field: 'regime', value: 'EU', count: 1 },
        { field: 'type', value: 'PROVISION', count: 2 },
      ],
      edges: [
        {
          cursor: 'c1',
          score: 1,
          highlights: [{ field: 'title', snippet: 'Cameras' }],
          paragraphs: [
            {
              score: 0.9,
              highlights: [{ field: 'title', snippet: 'Imaging <mark>cameras</mark>' }],
              node: { id: 'p1', code: '6A003.b.4', regime: 'EU', title: 'Imaging cameras' },
            },
          ],
          node: {
            __typename: 'ControlProvision',
            id: 'e1',
            code: '6A003',
            regime: 'EU',
            title: 'Cameras, systems or equipment',
            categoryName: 'Category 6',
            citation: { url: 'https://eur-lex.europa.eu/', title: 'Regulation (EU) 2021/821' },
          },
        },
      ],
    },
  },
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SearchPage', () => {
  it('sends the query of the URL and shows the entry with its paragraph, the interpretation and the facets', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(ANSWER), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    render(
      <MemoryRouter initialEntries={['/search?q=do+I+need+a+licence+to+export+a+thermal+camera+to+Japan&regime=EU']}>
        <SearchPage />
      </MemoryRouter>,
    );
    await screen.findByText('Cameras, systems or equipment');
    const sent = JSON.parse(String((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body)) as {
      variables: { query: string; filter?: { regime?: string[] } };
    };
    expect(sent.variables.query).toBe('do I need a licence to export a thermal camera to Japan');
    expect(sent.variables.filter?.regime).toEqual(['EU']);
    expect(screen.getByRole('link', { name: '6A003.b.4' }).getAttribute('href')).toBe('/provisions/EU/6A003.b.4');
    expect(screen.getByRole('link', { name: /6A003 Cameras/ }).getAttribute('href')).toBe('/provisions/EU/6A003');
    expect(screen.getByText(/Searched for/).textContent).toContain('thermal camera');
    expect(screen.getByText(/Destination:/).textContent).toContain('Japan');
    expect((screen.getByRole('checkbox', { name: /EU \(Annex I\)/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('2 results')).toBeTruthy();
  });

  it('shows the API error instead of an empty page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              errors: [{ message: 'query: at most 500 characters', extensions: { code: 'BAD_USER_INPUT' } }],
            }),
            {
              status: 400,
            },
          ),
      ),
    );
    render(
      <MemoryRouter initialEntries={['/search?q=x']}>
        <SearchPage />
      </MemoryRouter>,
    );
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('at most 500 characters'));
  });
});
