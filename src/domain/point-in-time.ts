// Which version of a rule applied on a given date. Pure: plain data in, plain data (or a
// plain where-object the persistence layer can use as is) out.
//
// Provisions (ControlProvision rows; amendments are new rows, never overwrites):
// - no date: the versions marked CURRENT;
// - date D: a version is valid on D when
//     status CURRENT, not ended (validTo unknown or after D), and known to be in force on D:
//       validFrom <= D, or, with validFrom unknown, the text is dated (textDate) on or before D;
//   or
//     status SUPERSEDED with both ends known and validFrom <= D < validTo.
//   Anything else is unknown for that date and is not returned: the API never guesses.
// Either way only provisions of a regime's main list: a supplementary list that restates codes
// of the main one (the US Sensitive List) is read only when asked for by name.
//
// Exemptions (simpler, because the sources rarely date them):
// - no date: exemptions not revoked;
// - date D: started (validFrom unknown or <= D), not ended (validTo unknown or > D), and, if
//   revoked, only when D predates a known validTo (a revoked exemption with no known end date
//   is never returned, since when it stopped applying is unknown).
import type { VersionStatus } from '../generated/prisma/client.js';

/** The stored enum's values (the Prisma schema is their one source). */
export type VersionStatusValue = VersionStatus;

export interface DateComparison {
  lt?: Date;
  lte?: Date;
  gt?: Date;
  gte?: Date;
}

/** Where-object over a provision's version columns (a subset of the ORM's filter language). */
export interface ProvisionVersionWhere {
  inMainList?: boolean;
  status?: VersionStatusValue;
  validFrom?: DateComparison | null;
  validTo?: DateComparison | null;
  textDate?: DateComparison | null;
  AND?: ProvisionVersionWhere[];
  OR?: ProvisionVersionWhere[];
}

export interface ExemptionValidityWhere {
  revoked?: boolean;
  validFrom?: DateComparison | null;
  validTo?: DateComparison | null;
  AND?: ExemptionValidityWhere[];
  OR?: ExemptionValidityWhere[];
}

export interface ProvisionVersionFacts {
  /** False for a provision of a supplementary list; true when omitted. */
  inMainList?: boolean;
  status: VersionStatusValue;
  validFrom: Date | null;
  validTo: Date | null;
  textDate: Date | null;
}

export interface ExemptionValidityFacts {
  revoked: boolean;
  validFrom: Date | null;
  validTo: Date | null;
}

/** The filter selecting the provision versions valid on `asOf` (or the current ones). */
export function provisionVersionWhere(asOf?: Date | null): ProvisionVersionWhere {
  if (!asOf) return { inMainList: true, status: 'CURRENT' };
  return {
    inMainList: true,
    OR: [
      {
        status: 'CURRENT',
        AND: [
          { OR: [{ validTo: null }, { validTo: { gt: asOf } }] },
          { OR: [{ validFrom: { lte: asOf } }, { validFrom: null, textDate: { lte: asOf } }] },
        ],
      },
      { status: 'SUPERSEDED', validFrom: { lte: asOf }, validTo: { gt: asOf } },
    ],
  };
}

/** The same rule as provisionVersionWhere, for one version held in memory. */
export function isProvisionVersionValidOn(version: ProvisionVersionFacts, asOf?: Date | null): boolean {
  if (version.inMainList === false) return false;
  if (!asOf) return version.status === 'CURRENT';
  const day = asOf.getTime();
  const { validFrom, validTo, textDate } = version;
  if (version.status === 'CURRENT') {
    const notEnded = validTo === null || validTo.getTime() > day;
    const inForce = validFrom !== null ? validFrom.getTime() <= day : textDate !== null && textDate.getTime() <= day;
    return notEnded && inForce;
  }
  return validFrom !== null && validTo !== null && validFrom.getTime() <= day && day < validTo.getTime();
}

/** The filter selecting the exemptions that apply on `asOf` (or are not revoked). */
export function exemptionValidityWhere(asOf?: Date | null): ExemptionValidityWhere {
  if (!asOf) return { revoked: false };
  return {
    AND: [
      { OR: [{ validFrom: null }, { validFrom: { lte: asOf } }] },
      { OR: [{ validTo: null }, { validTo: { gt: asOf } }] },
      { OR: [{ revoked: false }, { validTo: { gt: asOf } }] },
    ],
  };
}

/** The same rule as exemptionValidityWhere, for one exemption held in memory. */
export function isExemptionValidOn(exemption: ExemptionValidityFacts, asOf?: Date | null): boolean {
  if (!asOf) return !exemption.revoked;
  const day = asOf.getTime();
  const { validFrom, validTo } = exemption;
  const started = validFrom === null || validFrom.getTime() <= day;
  const notEnded = validTo === null || validTo.getTime() > day;
  const revokedLater = !exemption.revoked || (validTo !== null && validTo.getTime() > day);
  return started && notEnded && revokedLater;
}
