// The licence page over stubbed API answers shaped as licenceRequirement answers a 6A003.b.4.b
// camera for Japan (the Country Chart row of Japan has an X in RS1; the entry's RS lines split
// on frame rate and array size): what the page sends from its URL, what it shows per regime, how
// an answer to a question is sent, and how a misspelt destination is offered its correction.
// The real API is exercised by the browser test.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LicencePage from './licence-page';

const SETUP = {
  data: {
    activityFacts: [
      {
        name: 'destination_country',
        type: 'ENUM',
        values: ['CA', 'JP'],
        description: 'Destination.',
        givenAs: 'destination',
      },
    ],
    itemFacts: [
      {
        name: 'frame_rate',
        type: 'NUMBER',
        values: [],
        description: 'Maximum frame rate.',
        acceptedUnits: ['Hz'],
        canonicalUnit: 'Hz',
      },
    ],
    licenceActivityFacts: [
      {
        name: 'embedded_in_civil_product',
        type: 'boolean',
        description: 'Exported to be embedded in a civil product.',
        source: '6A003 control table',
      },
    ],
  },
};

const US_JAPAN = {
  regime: 'US_EAR',
  verdict: 'INDETERMINATE',
  reason: 'Whether a licence is required to Japan is not decided on the facts given: answer the questions.',
  countryGroups: ['A:1', 'B'],
  chartRow: {
    code: 'JP',
    name: 'Japan',
    rowType: 'GRADED',
    xColumns: ['CB1', 'NS1', 'MT1', 'RS1'],
    footnoteMarkers: ['3'],
    pointerText: null,
    referredFrom: null,
  },
  entries: [
    {
      code: '6A003.b.4.b',
      entry: '6A003',
      basis: 'GIVEN',
      classification: 'MET',
      reasonsForControl: ['NS', 'RS'],
      reasons: [
        {
          reason: 'RS',
          reasonName: 'Regional stability',
          column: 'RS1',
          controlText: 'RS applies to items controlled in 6A003.b.4.b that have a frame rate greater than 60 Hz',
          countryChart: 'RS Column 1',
          destinationMarked: true,
          lineApplies: 'UNKNOWN',
          outcome: 'INDETERMINATE',
          explanation: 'Japan has an X in RS1; whether the line reaches the item is not decided.',
          scopeTrace: ['"frame rate greater than 60 Hz": not given -> UNKNOWN'],
        },
      ],
    },
  ],
  footnotes: [
    {
      marker: '3',
      text: 'See § 742.6(a)(3) for special provisions that apply to military commodities that are subject to ECCN 0A919.',
      bearing: 'It concerns military commodities in ECCN 0A919; the item is not in 0A919.',
    },
  ],
  exceptions: [
    {
      code: 'STA',
      name: 'Strategic Trade Authorization',
      legalBasis: '15 CFR 740.20',
      status: 'MAY_APPLY',
      explanation: "The entry's STA restriction is for Country Group A:6, and JP is not in it.",
      entry: '6A003',
      entryText: null,
      openConditions: ['15 CFR 740.20 sets the destinations STA may be used for; check it.'],
    },
  ],
  questions: [
    {
      question: 'Maximum frame rate of the camera or array (frames per second = Hz).',
      fact: 'frame_rate',
      givenAs: 'item.facts',
      source: 'the control table of the entry',
    },
  ],
  trace: ['Country Chart row "Japan" (JP): X in CB1, NS1, MT1, RS1; footnotes: 3.'],
  sources: [
    {
      document: '15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)',
      section: 'row "Japan"',
      url: 'https://www.ecfr.gov/',
      textDate: '2026-07-23',
    },
  ],
  citations: [],
};

const EU_JAPAN = {
  ...US_JAPAN,
  regime: 'EU',
  verdict: 'EXCEPTION_MAY_APPLY',
  reason: 'Listed in Annex I (6A003.b.4.b): the Union general export authorisation EU001 covers this destination.',
  countryGroups: [],
  chartRow: null,
  entries: [],
  footnotes: [],
  exceptions: [],
  questions: [],
};

const ANSWER = {
  data: {
    licenceRequirement: {
      asOf: '2026-12-06',
      disclaimer: 'Decision support, not legal advice: check it against the official texts.',
      destination: { code: 'JP', name: 'Japan' },
      regimes: [US_JAPAN, EU_JAPAN],
    },
  },
};

const LOOKUP = {
  data: {
    search: {
      edges: [
        {
          node: {
            __typename: 'ControlProvision',
            id: 'p1',
            code: '6A003.b.4.b',
            regime: 'US_EAR',
            title: 'Incorporating "focal plane arrays" controlled by 6A002.a.3.f',
          },
        },
      ],
    },
  },
};

type Sent = {
  query: string;
  variables: { input?: Record<string, unknown>; query?: string; filter?: { regime?: string[] } };
};

function stubApi(licenceAnswer: (input: Record<string, unknown>) => unknown) {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Sent;
      sent.push(body);
      const answer = body.query.includes('query LicenceSetup')
        ? SETUP
        : body.query.includes('query ExemptionProvisionLookup')
          ? LOOKUP
          : licenceAnswer(body.variables.input ?? {});
      return new Response(JSON.stringify(answer), { status: 200 });
    }),
  );
  return {
    lookups: () => sent.filter((body) => body.query.includes('query ExemptionProvisionLookup')).map((b) => b.variables),
    licenceInputs: () =>
      sent.filter((body) => body.query.includes('licenceRequirement(')).map((b) => b.variables.input),
  };
}

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.search}</output>;
}

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/licence"
          element={
            <>
              <LicencePage />
              <Where />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('LicencePage', () => {
  it('asks for the entry and destination of the URL and shows each regime: verdict in words, reason, chart columns, footnote, exception, question', async () => {
    const api = stubApi(() => ANSWER);
    renderAt('/licence?entries=6A003.b.4.b&to=Japan');
    const us = await screen.findByRole('region', { name: /US \(EAR \/ CCL\)/ });
    expect(api.licenceInputs()[0]).toEqual({ provisions: ['6A003.b.4.b'], destination: 'Japan' });
    expect(within(us).getByRole('heading', { level: 2 }).textContent).toContain('Not decided');
    expect(within(us).getByText(US_JAPAN.reason)).toBeTruthy();
    // The RS line against Japan's RS1 column, with the X the chart row carries.
    const row = within(us).getByText('RS Column 1').closest('tr');
    expect(row?.querySelector('th')?.textContent).toBe('RS Regional stability');
    expect(row?.querySelector('.licence-x')?.textContent).toBe('X');
    expect(within(us).getByText(/Footnote 3:/).parentElement?.textContent).toContain('0A919');
    expect(
      within(us)
        .getByText(/STA — Strategic Trade Authorization/)
        .closest('li')?.textContent,
    ).toContain('15 CFR 740.20 sets the destinations STA may be used for');
    expect(within(us).getByText(/Maximum frame rate of the camera/)).toBeTruthy();
    const eu = screen.getByRole('region', { name: /EU \(Annex I\)/ });
    expect(within(eu).getByRole('heading', { level: 2 }).textContent).toContain(
      'Licence required unless an exception applies',
    );
    expect(screen.getByRole('note').textContent).toContain('not legal advice');
  });

  it('sends an answer to a question as the item fact it is, and keeps it in the URL', async () => {
    const api = stubApi(() => ANSWER);
    renderAt('/licence?entries=6A003.b.4.b&to=Japan');
    const us = await screen.findByRole('region', { name: /US \(EAR \/ CCL\)/ });
    fireEvent.click(within(us).getByRole('button', { name: 'Answer' }));
    fireEvent.change(await screen.findByLabelText('Frame rate'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this answer' }));
    await waitFor(() => expect(api.licenceInputs()).toHaveLength(2));
    expect(api.licenceInputs()[1]).toEqual({
      provisions: ['6A003.b.4.b'],
      destination: 'Japan',
      item: { facts: [{ name: 'frame_rate', number: 30, unit: 'Hz' }] },
    });
    expect(new URLSearchParams(screen.getByTestId('where').textContent ?? '').get('a.frame_rate')).toBe('30 Hz');
  });

  it('offers the destinations the refusal names and asks again with the one chosen', async () => {
    const api = stubApi((input) =>
      input.destination === 'Cnada'
        ? {
            errors: [
              {
                message:
                  '"Cnada" is not a country name or ISO 3166-1 alpha-2 code known here; did you mean Canada (CA), Chad (TD)?',
                extensions: { code: 'BAD_USER_INPUT' },
              },
            ],
          }
        : ANSWER,
    );
    renderAt('/licence?entries=6A003.b.4.b&to=Cnada');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('did you mean Canada (CA)'));
    fireEvent.click(screen.getByRole('button', { name: 'Use Canada (CA)' }));
    await waitFor(() => expect(api.licenceInputs().at(-1)).toMatchObject({ destination: 'CA' }));
  });

  it('says a licence is needed "unless" only while an exception the texts could not decide remains', async () => {
    const licenceRequired = (status: string) => ({
      data: {
        licenceRequirement: {
          ...ANSWER.data.licenceRequirement,
          regimes: [
            {
              ...US_JAPAN,
              verdict: 'LICENCE_REQUIRED',
              questions: [],
              exceptions: US_JAPAN.exceptions.map((exception) => ({ ...exception, status })),
            },
          ],
        },
      },
    });
    stubApi(() => licenceRequired('UNDECIDED'));
    renderAt('/licence?entries=6A003.b.4.b&to=Japan');
    const undecided = await screen.findByRole('region', { name: /US \(EAR \/ CCL\)/ });
    expect(undecided.textContent).toContain('A licence is needed unless an exception below');
    cleanup();
    stubApi(() => licenceRequired('NOT_AVAILABLE'));
    renderAt('/licence?entries=6A003.b.4.b&to=Japan');
    const closed = await screen.findByRole('region', { name: /US \(EAR \/ CCL\)/ });
    expect(closed.textContent).toContain('no exception or general authorisation held here can cover it');
  });

  it('finds the entry by words among the licensing regimes, and checks it for the destination typed', async () => {
    const api = stubApi(() => ANSWER);
    renderAt('/licence');
    fireEvent.change(await screen.findByLabelText('Find an entry by words'), { target: { value: 'thermal camera' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Use 6A003.b.4.b (US (EAR / CCL))' }));
    expect(api.lookups()[0]).toEqual({ query: 'thermal camera', filter: { regime: ['US_EAR', 'EU', 'UK'] } });
    expect((screen.getByLabelText('List entry of the item') as HTMLInputElement).value).toBe('6A003.b.4.b');
    fireEvent.change(screen.getByLabelText('Destination country'), { target: { value: 'Japan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    await screen.findByRole('region', { name: /US \(EAR \/ CCL\)/ });
    expect(api.licenceInputs()).toEqual([{ provisions: ['6A003.b.4.b'], destination: 'Japan' }]);
  });

  it('asks nothing until both the item and the destination are given, and still shows the disclaimer', async () => {
    const api = stubApi(() => ANSWER);
    renderAt('/licence?entries=6A003.b.4.b');
    await screen.findByRole('heading', { name: 'What are you shipping, and where?' });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByRole('alert').textContent).toContain('Give the destination country');
    expect(api.licenceInputs()).toEqual([]);
    expect(screen.getByRole('note').textContent).toContain('not legal advice');
    expect(screen.getByRole('link', { name: 'Work it out in the classification wizard' }).getAttribute('href')).toBe(
      '/classify?entry=6A003',
    );
  });
});
