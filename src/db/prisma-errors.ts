// Prisma's known request errors as domain errors: a unique violation is a conflict, a missing
// record is not-found, a broken foreign key is a bad reference. Anything else stays as it is
// (and is masked as an internal error where it reaches a client).
import { ConflictError, type DomainError, InvalidReferenceError, NotFoundError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** Constraint fields from a Prisma error: `meta.target` (engine) or the driver adapter's cause. */
function constraintFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const target = stringList(meta.target);
  if (target.length > 0) return target;
  const adapterError = meta.driverAdapterError as { cause?: { constraint?: { fields?: unknown } } } | undefined;
  return stringList(adapterError?.cause?.constraint?.fields);
}

/** Maps Prisma's known request errors to domain errors; undefined for anything else. */
export function translatePrismaError(error: unknown): DomainError | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const meta = error.meta as Record<string, unknown> | undefined;
  switch (error.code) {
    case 'P2002':
      return new ConflictError(constraintFields(meta));
    case 'P2025': {
      const model = typeof meta?.modelName === 'string' ? meta.modelName : 'Record';
      const cause = typeof meta?.cause === 'string' ? meta.cause : `${model} does not exist.`;
      return new NotFoundError(model, '', cause);
    }
    case 'P2003': {
      const field = typeof meta?.field_name === 'string' ? meta.field_name : (constraintFields(meta)[0] ?? 'reference');
      return new InvalidReferenceError(field);
    }
    default:
      return undefined;
  }
}
