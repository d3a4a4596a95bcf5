// checkExemptions and activityFacts over HTTP on the seeded database: research and publication
// exemptions by provision code, hardware classified from its facts, EU001 destinations, the
// revoked UK OGEL by date, questions for unknown facts, bad input named in BAD_USER_INPUT, and a
// fixed number of SQL statements whatever is asked.
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { graphql } from '../generated/gql.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const CheckExemptions = graphql(`
  query CheckExemptionsHttp($input: CheckExemptionsInput!) {
    checkExemptions(input: $input) {
      verdict
      reason
      restsOn
      mode
      itemType {
        value
        from
      }
      answersRead {
        field
        fact
        given
        readAs
        exemptionKey
        textVerbatim
      }
      outOfScope {
        exemptionKey
        reason
      }
      licenceExceptions {
        key
        code
        legalBasis
        entry
        entryText
        outcome
        reason
        missingFacts
      }
      classificationUnknown
      asOf
      destination
      regimes {
        regime
        controlled
        verdict
        reason
        applyingExemptions
        controlledBy
      }
      exemptions {
        exemptionKey
        legalBasis
        outcome
        reason
        exemption {
          name
          kind
        }
        citation {
          url
        }
        requirements {
          id
          role
          outcome
          missingFacts
          textVerbatim
          secondary
          citation {
            url
          }
          criteria {
            fact
            required
            given
            outcome
          }
          alternatives {
            id
            outcome
          }
        }
        disqualifiers {
          id
          role
          outcome
        }
        disqualifiersFired {
          id
          label
          textVerbatim
        }
        missingFacts
        undecidable
      }
      questionsToAnswer {
        fact
        type
        description
        values
        exemptions
        givenAs
      }
      disclaimer
      notes
    }
  }
`);

const ActivityFacts = graphql(`
  query ActivityFactsHttp {
    activityFacts {
      name
      type
      description
      values
      exemptions
      givenAs
    }
  }
`);

type Input = VariablesOf<typeof CheckExemptions>['input'];
type Result = ResultOf<typeof CheckExemptions>['checkExemptions'];

const FUNDAMENTAL = [
  { name: 'research_is_fundamental', boolean: true },
  { name: 'results_intended_for_publication', boolean: true },
  { name: 'prepublication_review', choice: 'none' },
  { name: 'sponsor_may_restrict_publication', boolean: false },
  { name: 'researchers_accepted_restrictions', boolean: false },
];

describeWithDatabase('checkExemptions', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function check(input: Input): Promise<Result> {
    const response = await service.query(CheckExemptions, { input });
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    if (!response.data) throw new Error('no data');
    return response.data.checkExemptions;
  }

  async function errorOf(input: Input) {
    const response = await service.query(CheckExemptions, { input });
    expect(response.data?.checkExemptions ?? null).toBeNull();
    const [error] = response.errors ?? [];
    if (!error) throw new Error('expected an error');
    return error;
  }

  const exemption = (result: Result, key: string) => {
    const found = result.exemptions.find((candidate) => candidate.exemptionKey === key);
    if (!found)
      throw new Error(
        `${key} not in scope: ${result.exemptions.map((candidate) => candidate.exemptionKey).join(', ')}`,
      );
    return found;
  };

  it('fundamental research technology under 6E001: 734.8 applies, the verdict is EXEMPT, with text and citation', async () => {
    const result = await check({ provisions: ['6E001'], regimes: ['US_EAR'], activity: FUNDAMENTAL });
    const research = exemption(result, 'US-EAR-734.8');
    expect(research.outcome).toBe('APPLIES');
    expect(research.exemption.kind).toBe('FUNDAMENTAL_RESEARCH');
    expect(research.citation.url).toMatch(/734-8/);
    const intended = research.requirements.find((condition) => condition.id === 'intended-to-be-published');
    expect(intended?.outcome).toBe('SATISFIED');
    expect(intended?.textVerbatim).toMatch(/is intended to be published is not subject to the EAR/);
    expect(intended?.criteria[0]).toMatchObject({
      fact: 'results_intended_for_publication',
      given: 'true',
      outcome: 'MET',
    });
    expect(result.regimes).toEqual([
      expect.objectContaining({ regime: 'US_EAR', controlled: 'MET', verdict: 'EXEMPT', controlledBy: ['6E001'] }),
    ]);
    expect(result.verdict).toBe('EXEMPT');
    expect(result.classificationUnknown).toBe(false);
    expect(result.disclaimer).toMatch(/not legal advice/);
  });

  it('a sponsor that may withhold publication: 734.8 does not apply and the disqualifier is reported', async () => {
    const activity = FUNDAMENTAL.map((fact) =>
      fact.name === 'sponsor_may_restrict_publication' ? { name: fact.name, boolean: true } : fact,
    );
    const result = await check({ provisions: ['6E001'], regimes: ['US_EAR'], activity });
    const research = exemption(result, 'US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiersFired.map((condition) => condition.id)).toEqual(['sponsor-may-restrict']);
    expect(result.verdict).not.toBe('EXEMPT');
  });

  it('unknown facts: INDETERMINATE, never EXEMPT, with the questions that would decide it', async () => {
    const result = await check({ provisions: ['6E001'], regimes: ['US_EAR'] });
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.exemptions.every((candidate) => candidate.outcome !== 'APPLIES')).toBe(true);
    const question = result.questionsToAnswer.find((candidate) => candidate.fact === 'research_is_fundamental');
    expect(question).toMatchObject({ type: 'BOOLEAN', givenAs: 'activity' });
    expect(question?.exemptions).toContain('US-EAR-734.8');
    expect(question?.description).toMatch(/fundamental research/);
  });

  it('a camera classified from its facts is hardware: research exemptions do not apply', async () => {
    const result = await check({
      item: { description: 'uncooled thermal camera', facts: [{ name: 'frame_rate', number: 30, unit: 'Hz' }] },
      regimes: ['US_EAR'],
      activity: [{ name: 'item_type', choice: 'commodity' }, ...FUNDAMENTAL],
    });
    const research = exemption(result, 'US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiersFired.map((condition) => condition.id)).toContain('hardware');
    expect(result.verdict).not.toBe('EXEMPT');
  });

  it('EU001: a listed destination is satisfied (the authorisation stays undecided), an unlisted one rules it out', async () => {
    const activity = [
      { name: 'export_from_eu_customs_territory', boolean: true },
      { name: 'exporter_registered_for_general_authorisation', boolean: true },
      { name: 'wmd_end_use_concern', boolean: false },
    ];
    const listed = exemption(
      await check({ provisions: ['6A003'], regimes: ['EU'], destination: 'jp', activity }),
      'EU-UGEA-EU001',
    );
    expect(listed.outcome).toBe('INDETERMINATE');
    expect(listed.requirements.find((condition) => condition.id === 'destination')?.outcome).toBe('SATISFIED');
    expect(listed.undecidable.join(' ')).toMatch(/Annex II Section A/);
    const unlisted = exemption(
      await check({ provisions: ['6A003'], regimes: ['EU'], destination: 'CN', activity }),
      'EU-UGEA-EU001',
    );
    expect(unlisted.outcome).toBe('DOES_NOT_APPLY');
    expect(unlisted.requirements.find((condition) => condition.id === 'destination')?.outcome).toBe('UNSATISFIED');
  });

  it('the revoked UK OGEL does not apply after 31/12/2020 and is still checked before', async () => {
    const activity = [{ name: 'ogel_registered_before_2019_06_20', boolean: true }];
    const after = await check({ provisions: ['6E001'], regimes: ['UK'], activity, asOf: '2021-06-01' });
    const revoked = exemption(after, 'UK-OGEL-Technology-for-Dual-Use-Items');
    expect(revoked.outcome).toBe('DOES_NOT_APPLY');
    expect(revoked.disqualifiersFired[0]?.textVerbatim).toBe('Revoked from 31/12/2020');
    expect(after.asOf).toBe('2021-06-01');
    const before = exemption(
      await check({ provisions: ['6E001'], regimes: ['UK'], activity, asOf: '2020-06-01' }),
      'UK-OGEL-Technology-for-Dual-Use-Items',
    );
    expect(before.outcome).toBe('INDETERMINATE');
  });

  it('activityFacts lists the vocabulary with the exemptions using each fact', async () => {
    const response = await service.query(ActivityFacts);
    expect(response.errors).toBeUndefined();
    const facts = response.data?.activityFacts ?? [];
    const sponsor = facts.find((fact) => fact.name === 'sponsor_may_restrict_publication');
    expect(sponsor).toMatchObject({ type: 'BOOLEAN', givenAs: 'activity' });
    expect(sponsor?.exemptions).toContain('US-EAR-734.8');
    const destination = facts.find((fact) => fact.name === 'destination_country');
    expect(destination?.givenAs).toBe('destination');
    expect(destination?.values).toContain('JP');
  });

  it('an unknown activity fact is BAD_USER_INPUT naming it', async () => {
    const error = await errorOf({
      provisions: ['6E001'],
      activity: [{ name: 'research_is_fundamentle', boolean: true }],
    });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.activity[0]',
      rule: 'unknown-activity-fact',
    });
    expect(error.message).toMatch(/research_is_fundamentle/);
    expect(error.message).toMatch(/research_is_fundamental/);
  });

  it('a bad country code is BAD_USER_INPUT naming the destination', async () => {
    const error = await errorOf({ provisions: ['6E001'], destination: 'XX' });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.destination',
      rule: 'iso-3166-1-alpha-2',
    });
    expect(error.message).toMatch(/"XX"/);
  });

  it('an unknown provision code, an unknown exemption asked about, and a contradicting item type are BAD_USER_INPUT', async () => {
    expect((await errorOf({ provisions: ['6Z999'] })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.provisions',
    });
    expect((await errorOf({ activity: FUNDAMENTAL, focus: 'US-EAR-999' })).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.focus',
      rule: 'exemption-key',
    });
    const contradiction = await errorOf({
      provisions: ['6A003'],
      regimes: ['US_EAR'],
      activity: [{ name: 'item_type', choice: 'technology' }],
    });
    expect(contradiction.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'item-type-matches-provisions' });
  });

  it('15 CFR 734.8: "is my research fundamental research?" with neither codes nor item is answered for the EAR: EXEMPT, resting on 734.8', async () => {
    const result = await check({ activity: [...FUNDAMENTAL, { name: 'item_type', choice: 'technology' }] });
    expect(result.mode).toBe('activity');
    expect(result.regimes.map((regime) => [regime.regime, regime.controlled, regime.verdict])).toEqual([
      ['US_EAR', 'UNKNOWN', 'EXEMPT'],
    ]);
    expect(result.verdict).toBe('EXEMPT');
    expect(result.classificationUnknown).toBe(true);
    expect(result.restsOn).toEqual(['US-EAR-734.8']);
    expect(result.reason).toMatch(/^Exempt in US_EAR under 15 CFR 734\.8 .*is not subject to the EAR\)\.$/);
  });

  it('15 CFR 734.8(c) the other way, activity only: restrictions accepted -> 734.8 ruled out by its disqualifier, listed apart; not EXEMPT', async () => {
    const activity = FUNDAMENTAL.map((fact) =>
      fact.name === 'researchers_accepted_restrictions' ? { name: fact.name, boolean: true } : fact,
    );
    const result = await check({ activity: [...activity, { name: 'item_type', choice: 'technology' }] });
    const research = exemption(result, 'US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiers.find((condition) => condition.id === 'restrictions-accepted')).toMatchObject({
      role: 'DISQUALIFIER',
      outcome: 'SATISFIED',
    });
    expect(research.requirements.every((condition) => condition.role !== 'DISQUALIFIER')).toBe(true);
    expect(result.verdict).toBe('INDETERMINATE');
    expect(result.restsOn).not.toContain('US-EAR-734.8');
  });

  it('15 CFR 734.8(b): "we accepted no publication restrictions" answers the prepublication-review question, read with the text that allows it', async () => {
    const result = await check({
      activity: [
        { name: 'research_is_fundamental', boolean: true },
        { name: 'results_intended_for_publication', boolean: true },
        { name: 'prepublication_review', choice: 'we accepted no publication restrictions' },
        { name: 'item_type', choice: 'technology' },
      ],
    });
    expect(exemption(result, 'US-EAR-734.8').outcome).toBe('APPLIES');
    expect(result.answersRead).toEqual([
      expect.objectContaining({
        field: 'activity[2]',
        fact: 'prepublication_review',
        given: 'we accepted no publication restrictions',
        readAs: [
          'prepublication_review = free_to_publish_without_restriction',
          'researchers_accepted_restrictions = false',
          'sponsor_may_restrict_publication = false',
        ],
        exemptionKey: 'US-EAR-734.8',
      }),
    ]);
    expect(result.answersRead[0]?.textVerbatim.join(' ')).toMatch(/free to publish/);
  });

  it('list notes and ECCN carve-outs with no entry given: rows INDETERMINATE asking for the entry (given in provisions), none dropped', async () => {
    const result = await check({ regimes: ['US_EAR'], activity: [{ name: 'item_type', choice: 'technology' }] });
    expect(result.mode).toBe('activity');
    const tsr = exemption(result, 'US-CCL-6E001-TSR-automotive');
    expect(tsr.outcome).toBe('INDETERMINATE');
    expect(tsr.requirements[0]).toMatchObject({
      id: 'entry',
      role: 'ENTRY',
      outcome: 'UNKNOWN',
      missingFacts: ['entry'],
    });
    expect(tsr.missingFacts).toContain('entry');
    // The camera note concerns hardware: for technology it is ruled out, still a row.
    expect(exemption(result, 'US-CCL-6A003-Note3').outcome).toBe('DOES_NOT_APPLY');
    const entry = result.questionsToAnswer.find((question) => question.fact === 'entry');
    expect(entry).toMatchObject({ type: 'ENUM', givenAs: 'provisions' });
    expect(entry?.values).toEqual(expect.arrayContaining(['6E001', '6E002']));
    expect(entry?.exemptions).toContain('US-CCL-6E001-TSR-automotive');
    expect(result.outOfScope).toEqual([]);
  });

  it('with the entry 6E001, the camera note of 6A003.b.4.b is out of scope and says why', async () => {
    const result = await check({ provisions: ['6E001'], regimes: ['US_EAR'] });
    expect(result.exemptions.some((row) => row.exemptionKey === 'US-CCL-6A003-Note3')).toBe(false);
    const out = result.outOfScope.find((entry) => entry.exemptionKey === 'US-CCL-6A003-Note3');
    expect(out?.reason).toMatch(/6A003\.b\.4\.b only; the item's US_EAR entries are 6E001/);
  });

  it('15 CFR 734.8 does not apply to hardware: item_kind camera makes the item a commodity without asking item_type', async () => {
    const result = await check({
      item: { facts: [{ name: 'item_kind', choice: 'camera' }] },
      regimes: ['US_EAR'],
      activity: FUNDAMENTAL,
    });
    expect(result.itemType).toMatchObject({ value: 'commodity' });
    expect(result.itemType?.from).toMatch(/item_kind camera/);
    const research = exemption(result, 'US-EAR-734.8');
    expect(research.outcome).toBe('DOES_NOT_APPLY');
    expect(research.disqualifiersFired.map((condition) => condition.id)).toEqual(['hardware']);
    expect(result.questionsToAnswer.some((question) => question.fact === 'item_type')).toBe(false);
  });

  it('the questions of the exemption asked about come first, classification-only questions last', async () => {
    const result = await check({ item: { facts: [] }, regimes: ['US_EAR'], focus: 'US-EAR-740.12-GFT' });
    const gft = exemption(result, 'US-EAR-740.12-GFT');
    const first = result.questionsToAnswer.slice(0, gft.missingFacts.length).map((question) => question.fact);
    expect(first.sort()).toEqual([...gft.missingFacts].sort());
    const kinds = result.questionsToAnswer.map((question) => question.exemptions.length > 0);
    expect(kinds.indexOf(false)).toBeGreaterThan(kinds.lastIndexOf(true));
    expect(result.restsOn).toEqual(['US-EAR-740.12-GFT']);
    expect(result.reason).toContain('15 CFR 740.12');
  });

  it('6A003 License Exceptions (LVS N/A for b.4; GBS N/A; STA barred for b.4 to Country Group A:6): Israel rules all three out, Japan leaves STA open', async () => {
    const outcomes = (result: Result) => result.licenceExceptions.map((row) => [row.code, row.outcome]);
    const israel = await check({ provisions: ['6A003.b.4.b'], regimes: ['US_EAR'], destination: 'IL' });
    expect(outcomes(israel)).toEqual([
      ['LVS', 'DOES_NOT_APPLY'],
      ['GBS', 'DOES_NOT_APPLY'],
      ['STA', 'DOES_NOT_APPLY'],
    ]);
    expect(israel.licenceExceptions[2]?.entryText).toMatch(/Country Group A:6/);
    const japan = await check({ provisions: ['6A003.b.4.b'], regimes: ['US_EAR'], destination: 'JP' });
    expect(outcomes(japan)).toEqual([
      ['LVS', 'DOES_NOT_APPLY'],
      ['GBS', 'DOES_NOT_APPLY'],
      ['STA', 'INDETERMINATE'],
    ]);
    expect(japan.licenceExceptions[2]).toMatchObject({ legalBasis: '15 CFR 740.20', entry: '6A003' });
  });

  it('with no entry, the list-based licence exceptions are rows asking for the entry', async () => {
    const result = await check({ regimes: ['US_EAR'], activity: [{ name: 'item_type', choice: 'commodity' }] });
    expect(result.licenceExceptions.map((row) => [row.code, row.outcome, row.missingFacts])).toEqual([
      ['LVS', 'INDETERMINATE', ['entry']],
      ['GBS', 'INDETERMINATE', ['entry']],
      ['TSR', 'INDETERMINATE', ['entry']],
      ['STA', 'INDETERMINATE', ['entry']],
    ]);
    expect(result.questionsToAnswer.find((question) => question.fact === 'entry')?.exemptions).toContain(
      'US-EAR-740.20-STA',
    );
  });

  it("a classification already known is used: a camera declared under 6A003.b.4.b is controlled, and the entry's licence exceptions are read for it (Israel: none left); undeclared, its control stays unknown", async () => {
    const item = { facts: [{ name: 'item_kind', choice: 'camera' }] };
    const declared = await check({
      item: { ...item, declared: [{ code: '6A003.b.4.b', regime: 'US_EAR' }] },
      regimes: ['US_EAR'],
      destination: 'IL',
      activity: [{ name: 'export_is_gift_parcel_or_humanitarian_donation', boolean: false }],
    });
    expect(declared.regimes[0]).toMatchObject({ controlled: 'MET' });
    expect(declared.regimes[0]?.controlledBy).toContain('6A003.b.4.b');
    expect(declared.notes.join(' ')).toMatch(/item\.declared\[0\] 6A003\.b\.4\.b \(US_EAR\): declared by you/);
    expect(
      declared.licenceExceptions.filter((row) => row.key.endsWith('@6A003.b.4.b')).map((row) => row.outcome),
    ).toEqual(['DOES_NOT_APPLY', 'DOES_NOT_APPLY', 'DOES_NOT_APPLY']);
    const undeclared = await check({ item, regimes: ['US_EAR'], destination: 'IL' });
    expect(undeclared.regimes[0]).toMatchObject({ controlled: 'UNKNOWN' });
  });

  it('costs a fixed number of SQL statements, whatever the number of exemptions and conditions returned', async () => {
    const before = service.db.requestStatementCount();
    await check({ provisions: ['6E001'], regimes: ['US_EAR', 'EU', 'UK', 'WASSENAAR'], activity: FUNDAMENTAL });
    const all = service.db.requestStatementCount() - before;
    const before2 = service.db.requestStatementCount();
    await check({ provisions: ['6E001'], regimes: ['US_EAR'] });
    const one = service.db.requestStatementCount() - before2;
    expect(all).toBe(one);
    expect(all).toBeLessThanOrEqual(5);
  });
});
