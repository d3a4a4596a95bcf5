// Prisma CLI configuration (Prisma 7 reads the datasource URL from here, not from the schema).
// The URL is only used by CLI commands run by hand against PostgreSQL; the app builds its
// connections itself (src/db/client-factory.ts) and migrations run through src/db/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/postgres' },
});
