/**
 * `npm run db:copy -- --from sqlite:data/gridops.db --to postgres://postgres@127.0.0.1:5432/gridops`
 *
 * Moves a SQLite installation into PostgreSQL: every table the two schemas share (events, state,
 * users, sessions, keys, settings as events), in one PostgreSQL transaction, then checks that
 * every table has the same number of rows and that each month's score folds to the same total
 * and fee from both. Stop the SQLite server first; the target must hold no events yet.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection';
import { isPostgresUrl, openPostgres } from '../db/pg/connection';
import { copyTables, verifyCopy } from '../server/store/db-copy';

async function main() {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, schema: { type: 'string' }, tz: { type: 'string' } },
  });
  const from = values.from?.replace(/^sqlite:/, '');
  if (!from || !values.to || !isPostgresUrl(values.to)) {
    console.error('usage: npm run db:copy -- --from sqlite:FILE --to postgres://USER@HOST:PORT/DB [--schema NAME] [--tz Asia/Shanghai]');
    process.exit(2);
  }
  const source = openDatabase(from);
  const target = await openPostgres({ url: values.to, schema: values.schema });
  try {
    const copied = await copyTables(source, target);
    for (const [table, rows] of Object.entries(copied)) console.log(`${table.padEnd(22)} ${rows} rows`);
    const report = await verifyCopy(source, target, values.tz ?? process.env.GRIDOPS_TZ ?? 'Asia/Shanghai');
    for (const line of report.lines) console.log(line);
    if (!report.ok) {
      console.error('db:copy: VERIFY FAILED (the PostgreSQL copy is not to be used)');
      process.exitCode = 1;
    } else {
      console.log('db:copy: verified: same rows in every table, same score in every month');
    }
  } finally {
    source.close();
    await target.close();
  }
}

main().catch((error) => {
  console.error(`db:copy: ${(error as Error).message}`);
  process.exit(1);
});
