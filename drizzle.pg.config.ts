import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations (`npm run db:generate:pg`); the SQLite ones are drizzle.config.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/pg/schema.ts',
  out: './db/pg/migrations',
});
