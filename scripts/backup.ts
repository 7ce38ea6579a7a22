import { backupDatabase } from '../server/ops/backup';

/** `npm run backup -- [--db FILE] [--out FILE]`: an online backup of the live database. */
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const db = option('db') ?? process.env.GRIDOPS_DB ?? 'data/gridops.db';
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = option('out') ?? `backups/gridops-${stamp}.db`;
backupDatabase(db, out).then(
  ({ outFile, pages, seq }) => console.log(`backup of ${db} at seq ${seq}: ${outFile} (${pages} pages)`),
  (error: Error) => {
    console.error(`backup failed: ${error.message}`);
    process.exit(1);
  },
);
