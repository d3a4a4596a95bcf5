import { resolve } from 'node:path';

/** The committed SQL migrations (prisma/migrations), resolved from this file, not the cwd. */
export const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../prisma/migrations');
