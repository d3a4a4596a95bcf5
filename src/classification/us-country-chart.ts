// The Commerce Country Chart (15 CFR 738, Supplement No. 1) and the EAR Country Groups (15 CFR
// 740, Supplement No. 1), validated with zod and indexed by ISO code.
//
// They are read as reference data at start (like the encodings), not imported into the
// database: they are two lookup tables the pure licence engine consults on every question, the
// seed holds a single edition of each (the eCFR text of 2026-07-23) with no versions to choose
// between by date, and the schema has no model for them. Citations keep working because every
// fact the engine reads from them is returned with its source (the legal text and part, the
// eCFR address and the repository file and commit it was parsed from, see `chartSource`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ReferenceSource } from './licence-answer.js';

export const DEFAULT_SEED_DATA_DIR = fileURLToPath(new URL('../../seed/data/', import.meta.url));
export const COUNTRY_CHART_FILE = 'us_country_chart.json';
export const COUNTRY_GROUPS_FILE = 'us_country_groups.json';

/** The chart's reason columns, in the chart's order. */
export const CHART_COLUMNS = [
  'CB1',
  'CB2',
  'CB3',
  'NP1',
  'NP2',
  'NS1',
  'NS2',
  'MT1',
  'RS1',
  'RS2',
  'FC1',
  'CC1',
  'CC2',
  'CC3',
  'AT1',
  'AT2',
] as const;
export type ChartColumn = (typeof CHART_COLUMNS)[number];

const iso2 = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals');
const columnSchema = z.enum(CHART_COLUMNS);

const sourceSchema = z.looseObject({
  repository: z.string().min(1),
  path: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  regulation_date: z.iso.date(),
  ecfr_url: z.url(),
});

const chartRowSchema = z.discriminatedUnion('row_type', [
  z.looseObject({
    name: z.string().min(1),
    iso2,
    row_type: z.literal('graded'),
    footnote_markers: z.array(z.string().regex(/^\d+$/)),
    marks: z.record(columnSchema, z.boolean()),
    x_columns: z.array(columnSchema),
  }),
  z.looseObject({
    name: z.string().min(1),
    iso2,
    row_type: z.literal('embargo_pointer'),
    footnote_markers: z.array(z.string().regex(/^\d+$/)),
    x_columns: z.array(columnSchema).length(0),
    pointer_text: z.string().min(1),
  }),
]);

export const countryChartFileSchema = z
  .looseObject({
    dataset: z.string().min(1),
    source: sourceSchema,
    columns: z.array(columnSchema).length(CHART_COLUMNS.length),
    column_headers: z.record(
      columnSchema,
      z.looseObject({ as_written: z.string().min(1), reason_for_control_as_written: z.string().min(1) }),
    ),
    footnotes: z.record(z.string().regex(/^\d+$/), z.string().min(1)),
    /** The parse's notes on the source (Hong Kong's missing row, the pointer rows ...), verbatim. */
    quirks: z.array(z.string().min(1)),
    countries: z.array(chartRowSchema).min(1),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.countries.forEach((row, index) => {
      if (seen.has(row.iso2))
        context.addIssue({ code: 'custom', path: ['countries', index, 'iso2'], message: `${row.iso2} twice` });
      seen.add(row.iso2);
      for (const marker of row.footnote_markers)
        if (file.footnotes[marker] === undefined)
          context.addIssue({
            code: 'custom',
            path: ['countries', index, 'footnote_markers'],
            message: `footnote ${marker} has no text`,
          });
      if (row.row_type === 'graded') {
        const marked = CHART_COLUMNS.filter((column) => row.marks[column] === true);
        if (marked.join() !== [...row.x_columns].sort((a, b) => columnIndex(a) - columnIndex(b)).join())
          context.addIssue({
            code: 'custom',
            path: ['countries', index, 'x_columns'],
            message: `x_columns disagree with marks for ${row.iso2}`,
          });
      }
    });
  });

export const countryGroupsFileSchema = z.looseObject({
  dataset: z.string().min(1),
  source: sourceSchema,
  group_order: z.array(z.string().regex(/^[A-E](:\d)?$/)).min(1),
  groups: z.record(
    z.string(),
    z.looseObject({
      label: z.string().min(1),
      /** The footnotes printed under the group's table (e.g. table E), verbatim. */
      table_footnotes: z.array(z.string().min(1)).optional(),
      members: z.array(
        z.looseObject({
          name: z.string().min(1),
          iso2,
          footnote_text: z.string().optional(),
        }),
      ),
    }),
  ),
  footnotes_by_table: z.looseObject({}),
});

type ChartFile = z.infer<typeof countryChartFileSchema>;
type GroupsFile = z.infer<typeof countryGroupsFileSchema>;
export type ChartRow = ChartFile['countries'][number];

function columnIndex(column: string): number {
  return (CHART_COLUMNS as readonly string[]).indexOf(column);
}

/** A group member's own footnote (e.g. STA only for approved UAE entities), verbatim. */
export interface GroupMembership {
  group: string;
  footnote: string | null;
}

export class UsCountryTables {
  private readonly rows: ReadonlyMap<string, ChartRow>;
  private readonly memberships: ReadonlyMap<string, GroupMembership[]>;

  constructor(
    readonly chart: ChartFile,
    readonly groups: GroupsFile,
  ) {
    this.rows = new Map(chart.countries.map((row) => [row.iso2, row]));
    const memberships = new Map<string, GroupMembership[]>();
    for (const group of groups.group_order) {
      for (const member of groups.groups[group]?.members ?? []) {
        const list = memberships.get(member.iso2) ?? [];
        list.push({ group, footnote: member.footnote_text ?? null });
        memberships.set(member.iso2, list);
      }
    }
    this.memberships = memberships;
  }

  row(code: string): ChartRow | undefined {
    return this.rows.get(code);
  }

  /** Every chart row (name as written and ISO code), in the chart's order. */
  countries(): { name: string; iso2: string }[] {
    return this.chart.countries.map((row) => ({ name: row.name, iso2: row.iso2 }));
  }

  /** The row named so in the chart (names as written). */
  rowNamed(name: string): ChartRow | undefined {
    const wanted = name.trim().toLowerCase();
    return this.chart.countries.find((row) => row.name.toLowerCase() === wanted);
  }

  footnote(marker: string): string | undefined {
    return this.chart.footnotes[marker];
  }

  reasonName(column: string): string | null {
    return this.chart.column_headers[column as ChartColumn]?.reason_for_control_as_written ?? null;
  }

  /** The destination's Country Groups, in the supplement's order. */
  groupsOf(code: string): GroupMembership[] {
    return this.memberships.get(code) ?? [];
  }

  isMember(code: string, group: string): boolean {
    return this.groupsOf(code).some((membership) => membership.group === group);
  }

  /** Source of a chart fact: the supplement, the part read, the eCFR address and the parsed file. */
  chartSource(section: string): ReferenceSource {
    const source = this.chart.source;
    return {
      document: '15 CFR Part 738, Supplement No. 1 (Commerce Country Chart)',
      section,
      url: source.ecfr_url,
      repository: source.repository,
      path: source.path,
      commit: source.commit,
      textDate: source.regulation_date,
    };
  }

  /** Source of a Country Group fact. */
  groupSource(section: string): ReferenceSource {
    const source = this.groups.source;
    return {
      document: '15 CFR Part 740, Supplement No. 1 (Country Groups)',
      section,
      url: source.ecfr_url,
      repository: source.repository,
      path: source.path,
      commit: source.commit,
      textDate: source.regulation_date,
    };
  }
}

/** Validates both files; throws an error naming the file and the fields at fault. */
export function parseUsCountryTables(chartJson: unknown, groupsJson: unknown): UsCountryTables {
  const describe = (file: string, error: z.ZodError) =>
    `${file} does not have the expected shape: ${error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ')}`;
  const chart = countryChartFileSchema.safeParse(chartJson);
  if (!chart.success) throw new Error(describe(COUNTRY_CHART_FILE, chart.error));
  const groups = countryGroupsFileSchema.safeParse(groupsJson);
  if (!groups.success) throw new Error(describe(COUNTRY_GROUPS_FILE, groups.error));
  return new UsCountryTables(chart.data, groups.data);
}

export function loadUsCountryTables(dir = DEFAULT_SEED_DATA_DIR): UsCountryTables {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return parseUsCountryTables(read(COUNTRY_CHART_FILE), read(COUNTRY_GROUPS_FILE));
}
