// 10,000 realistic SearchDocuments for the search bench, composed deterministically from the
// seed texts: every ECCN of the US Commerce Control List (code, heading, sub-paragraphs),
// the exemptions and the guidance documents, then recombined paragraphs until the count is
// reached. Same seed, same documents: bench figures stay comparable between runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SearchableType, SearchDocument } from '../src/search/search-engine.js';

interface CclEccn {
  code: string;
  description: string;
  details: string;
}
interface CclCategory {
  name: string;
  product_groups: { name: string; eccn: CclEccn[] }[];
}
interface SeedExemption {
  id: string;
  regime: string;
  provision: string;
  name: string;
  type: string;
  text_verbatim: string[];
}
interface SeedGuidance {
  id: string;
  jurisdiction: string;
  title: string;
  date?: string;
  excerpts?: unknown[];
}

const SEED_DIR = fileURLToPath(new URL('../seed/data/', import.meta.url));

function readSeed<T>(file: string): T {
  return JSON.parse(readFileSync(SEED_DIR + file, 'utf8')) as T;
}

/** mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Paragraph {
  code: string;
  text: string;
}

/** Splits an ECCN's markdown details into its lettered paragraphs ("b.4.a. text"). */
function paragraphsOf(eccn: CclEccn): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const line of eccn.details.split('\n')) {
    const match = /^([a-z](?:\.\d+(?:\.[a-z](?:\.\d+)?)?)?)\.\s+(.{20,})$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) {
      paragraphs.push({ code: `${eccn.code}.${match[1]}`, text: match[2].replaceAll('*', '') });
    }
  }
  return paragraphs;
}

const REGIMES = ['US_EAR', 'EU', 'UK', 'WASSENAAR'] as const;
const JURISDICTIONS: Record<(typeof REGIMES)[number], string> = { US_EAR: 'US', EU: 'EU', UK: 'UK', WASSENAAR: 'WA' };
const AUDIENCES = ['academia', 'industry', 'sme', 'government', 'civil society'];

function isoDate(random: () => number): string {
  const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(random() * 14 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function regimeOf(text: string): (typeof REGIMES)[number] {
  if (text.startsWith('US')) return 'US_EAR';
  if (text.startsWith('UK')) return 'UK';
  if (text.startsWith('Wassenaar')) return 'WASSENAAR';
  return 'EU';
}

export function composeSearchDocuments(count = 10_000, seed = 20_260_303): SearchDocument[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const documents: SearchDocument[] = [];
  const add = (type: SearchableType, fields: Omit<SearchDocument, 'id' | 'type' | 'recordId'>): void => {
    const recordId = String(documents.length + 1);
    documents.push({ id: `${type}:${recordId}`, type, recordId, ...fields });
  };

  const categories = readSeed<CclCategory[]>('us_ccl_full.json');
  const allParagraphs: { eccn: CclEccn; category: string; paragraph: Paragraph }[] = [];
  for (const category of categories) {
    const categoryName = category.name.split('-')[0]?.trim() ?? category.name;
    for (const group of category.product_groups) {
      for (const eccn of group.eccn) {
        const paragraphs = paragraphsOf(eccn);
        add('PROVISION', {
          title: eccn.description,
          codes: [eccn.code],
          body: paragraphs
            .slice(0, 12)
            .map((p) => `${p.code.slice(eccn.code.length + 1)}. ${p.text}`)
            .join('\n'),
          regime: 'US_EAR',
          jurisdiction: 'US',
          category: categoryName,
          audience: [],
          date: '2025-01-01',
        });
        for (const paragraph of paragraphs) allParagraphs.push({ eccn, category: categoryName, paragraph });
      }
    }
  }
  // Sub-paragraph provisions (6A003.b.4.b and the like), as the database holds them.
  for (const { eccn, category, paragraph } of allParagraphs) {
    if (documents.length >= count * 0.6) break;
    add('PROVISION', {
      title: paragraph.text.length > 160 ? `${paragraph.text.slice(0, 157)}...` : paragraph.text,
      codes: [paragraph.code],
      body: `${eccn.description}\n${paragraph.text}`,
      regime: 'US_EAR',
      jurisdiction: 'US',
      category,
      audience: [],
      date: '2025-01-01',
    });
  }

  const exemptions = readSeed<SeedExemption[]>('exemptions.json');
  for (const exemption of exemptions) {
    const regime = regimeOf(exemption.regime);
    add('EXEMPTION', {
      title: exemption.name,
      codes: [exemption.provision],
      body: exemption.text_verbatim.join('\n'),
      regime,
      jurisdiction: JURISDICTIONS[regime],
      category: exemption.type,
      audience: ['academia', 'industry'],
      date: null,
    });
  }
  const guidance = readSeed<SeedGuidance[]>('guidance_documents.json');
  for (const document of guidance) {
    const excerpts = (document.excerpts ?? []).filter((e): e is string => typeof e === 'string');
    add('GUIDANCE_DOCUMENT', {
      title: document.title,
      codes: [document.id],
      body: excerpts.join('\n'),
      regime: regimeOf(document.jurisdiction),
      jurisdiction: document.jurisdiction,
      category: null,
      audience: ['academia'],
      date: document.date ?? null,
    });
  }

  // The rest: consultations, impact assessments and guidance recombining real paragraphs.
  const exemptionTexts = exemptions.flatMap((e) => e.text_verbatim);
  const fillerTypes: SearchableType[] = ['CONSULTATION', 'IMPACT_ASSESSMENT', 'GUIDANCE_DOCUMENT', 'EXEMPTION'];
  while (documents.length < count) {
    const type = pick(fillerTypes);
    const regime = pick(REGIMES);
    const subjects = [pick(allParagraphs), pick(allParagraphs), pick(allParagraphs)];
    const lead = subjects[0] as (typeof subjects)[number];
    const prefix =
      type === 'CONSULTATION'
        ? 'Consultation on'
        : type === 'IMPACT_ASSESSMENT'
          ? 'Impact assessment of'
          : 'Guidance on';
    add(type, {
      title: `${prefix} ${lead.eccn.code}: ${lead.eccn.description.slice(0, 120)}`,
      codes: subjects.map((s) => s.paragraph.code),
      body: [...subjects.map((s) => s.paragraph.text), pick(exemptionTexts)].join('\n'),
      regime,
      jurisdiction: JURISDICTIONS[regime],
      category: lead.category,
      audience: AUDIENCES.filter(() => random() < 0.35),
      date: random() < 0.9 ? isoDate(random) : null,
    });
  }
  return documents;
}
