// The encodings name regimes with their own enum (encoding-schema.ts: US_EAR, EU, UK, WASSENAAR,
// OTHER); the API uses the database's Regime (WASSENAAR, EU, US_EAR, UK, HK). The shared four
// map to themselves; HK has no encoding regime and OTHER no API regime, so neither maps.
import type { Regime } from '../generated/prisma/client.js';
import type { EncodedRegime } from './rulebook.js';

const SHARED = ['US_EAR', 'EU', 'UK', 'WASSENAAR'] as const;
type SharedRegime = (typeof SHARED)[number];

function isShared(value: string): value is SharedRegime {
  return (SHARED as readonly string[]).includes(value);
}

export function encodedRegimeOf(regime: Regime): EncodedRegime | undefined {
  return isShared(regime) ? regime : undefined;
}

export function apiRegimeOf(regime: EncodedRegime): Regime | undefined {
  return isShared(regime) ? regime : undefined;
}
