// Errors the analytics raise on purpose. They are BAD_USER_INPUT domain errors, so GraphQL
// reports them with their details and the export routes answer 400 with the same message.
import { InvalidArgumentError } from '../errors.js';

/** A unit-sensitive measure (sum, average, ...) over rows in more than one unit. */
export class MixedUnitsError extends InvalidArgumentError {
  constructor(
    readonly units: readonly string[],
    readonly measures: readonly string[],
  ) {
    super(
      'groupBy',
      'no-mixed-units',
      `The rows selected are in ${units.length} units (${units.map((unit) => JSON.stringify(unit)).join(', ')}); ` +
        `${measures.join(', ')} cannot combine different units. Add UNIT to "groupBy", pass mixedUnits: GROUP_BY_UNIT, or filter by one unit.`,
    );
    this.name = 'MixedUnitsError';
  }

  override details(): Record<string, unknown> {
    return { ...super.details(), units: [...this.units], measures: [...this.measures] };
  }
}

/** The answer would hold more buckets (or periods) than one response may carry. */
export class TooManyBucketsError extends InvalidArgumentError {
  constructor(readonly limit: number) {
    super(
      'groupBy',
      'max-buckets',
      `The answer would hold more than ${limit} buckets; narrow "filter" or group by fewer keys.`,
    );
    this.name = 'TooManyBucketsError';
  }

  override details(): Record<string, unknown> {
    return { ...super.details(), limit: this.limit };
  }
}
