// readScalarRows (src/db/scalar-rows.ts) must return what Prisma's findMany returns, field for
// field, or `search` would show different values depending on which path read a page. Every
// scalar field of every row of the five searchable models is compared, on the database this
// suite runs on (PGlite and PostgreSQL): dates (timestamp and date columns), JSON, arrays,
// enums, nulls.
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { runCancellable } from '../../src/domain/cancellable-work.js';
import { isPlainScalarSelect, readScalarRows } from '../../src/db/scalar-rows.js';
import { getDatamodel } from '../../src/generated/pothos-prisma-types.js';
import { describeWithDatabase, startTestService, type TestService } from '../support/test-service.js';

const MODELS = [
  'ControlProvision',
  'Exemption',
  'GuidanceDocument',
  'StakeholderConsultation',
  'ImpactAssessment',
] as const;
type Model = (typeof MODELS)[number];

/** Every scalar or enum field of the model (all of them are types readScalarRows reads). */
function scalarFields(model: Model): string[] {
  const definition = getDatamodel().datamodel.models[model];
  if (!definition) throw new Error(`no model ${model}`);
  return definition.fields
    .filter((field) => field.kind === 'scalar' || field.kind === 'enum')
    .map((field) => field.name);
}

describeWithDatabase('readScalarRows', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.stop();
  });

  const findAll = (model: Model, select: Record<string, true>): Promise<Array<Record<string, unknown>>> => {
    const prisma = service.db.prisma;
    switch (model) {
      case 'ControlProvision':
        return prisma.controlProvision.findMany({ select });
      case 'Exemption':
        return prisma.exemption.findMany({ select });
      case 'GuidanceDocument':
        return prisma.guidanceDocument.findMany({ select });
      case 'StakeholderConsultation':
        return prisma.stakeholderConsultation.findMany({ select });
      case 'ImpactAssessment':
        return prisma.impactAssessment.findMany({ select });
    }
  };

  it('returns every scalar field of every row exactly as Prisma does, all five models in one statement', async () => {
    // Off UTC, so a zone-less timestamp read as local time would show.
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    onTestFinished(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
    const read = service.db.readRows;
    const expected = new Map<Model, Array<Record<string, unknown>>>();
    for (const model of MODELS) {
      const fields = scalarFields(model);
      const select = Object.fromEntries(fields.map((name) => [name, true as const]));
      expect(isPlainScalarSelect(model, select), model).toBe(true);
      expected.set(model, await findAll(model, select));
    }
    // Counted as a request's statements: the search indexer may drain rows another test file
    // wrote to the shared database at any moment, and its reads are not this read's.
    const before = service.db.requestStatementCount();
    const results = await runCancellable(new AbortController().signal, () =>
      readScalarRows(
        read,
        MODELS.map((model) => ({
          model,
          fields: scalarFields(model),
          ids: (expected.get(model) ?? []).map((row) => row.id as string),
        })),
      ),
    );
    expect(service.db.requestStatementCount() - before).toBe(1);

    const byId = (rows: Array<Record<string, unknown>>) => new Map(rows.map((row) => [row.id as string, row]));
    MODELS.forEach((model, index) => {
      const want = expected.get(model) ?? [];
      const got = byId(results[index] ?? []);
      expect(want.length, `${model} has rows in the seed`).toBeGreaterThan(0);
      expect(got.size, model).toBe(want.length);
      for (const row of want) expect(got.get(row.id as string), `${model} ${String(row.id)}`).toStrictEqual(row);
    });
    // The comparison covered the tricky kinds with values present, not only nulls.
    const provision = expected.get('ControlProvision') ?? [];
    expect(provision.some((row) => row.validFrom instanceof Date || row.textDate instanceof Date)).toBe(true);
    expect(provision.some((row) => row.controlTable !== null)).toBe(true);
    expect(
      (expected.get('Exemption') ?? []).some((row) => Array.isArray(row.itemTypes) && row.itemTypes.length > 0),
    ).toBe(true);
  });

  it('leaves out ids that do not exist and sends nothing when no ids are asked', async () => {
    const read = service.db.readRows;
    const [one] = await service.db.prisma.exemption.findMany({ select: { id: true, name: true }, take: 1 });
    if (!one) throw new Error('no exemption in the seed');
    const [rows] = await readScalarRows(read, [
      { model: 'Exemption', fields: ['id', 'name'], ids: [one.id, 'no-such-id', 'it\'s "quoted"'] },
    ]);
    expect(rows).toStrictEqual([one]);

    const before = service.db.requestStatementCount();
    const none = await runCancellable(new AbortController().signal, () =>
      readScalarRows(read, [{ model: 'Exemption', fields: ['id'], ids: [] }]),
    );
    expect(none).toStrictEqual([[]]);
    expect(service.db.requestStatementCount()).toBe(before);
  });

  it('accepts only plain scalar selections: relations, counts and lossy types go to Prisma', () => {
    expect(isPlainScalarSelect('ControlProvision', { id: true, code: true, title: true, validFrom: true })).toBe(true);
    expect(isPlainScalarSelect('ControlProvision', { id: true, citation: { select: { url: true } } })).toBe(false);
    expect(isPlainScalarSelect('ControlProvision', { id: true, _count: { select: { children: true } } })).toBe(false);
    expect(isPlainScalarSelect('ControlProvision', { id: true, noSuchField: true })).toBe(false);
    expect(isPlainScalarSelect('ControlProvision', {})).toBe(false);
    // ImpactMetric.value is a Decimal: its JSON form would lose digits.
    expect(isPlainScalarSelect('ImpactMetric', { id: true, value: true })).toBe(false);
  });
});
