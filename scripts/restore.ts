import { restoreDatabase } from '../server/ops/backup';

/** `npm run restore -- BACKUP [--db FILE]`: puts a backup in place of the database (server stopped). */
const args = process.argv.slice(2);
const i = args.indexOf('--db');
const db = i >= 0 ? args[i + 1] : (process.env.GRIDOPS_DB ?? 'data/gridops.db');
const backup = args.find((a, n) => !a.startsWith('--') && args[n - 1] !== '--db');
if (!backup) {
  console.error('usage: npm run restore -- BACKUP_FILE [--db data/gridops.db]   (stop the server first)');
  process.exit(2);
}
try {
  const { replaced, seq } = restoreDatabase(backup, db);
  console.log(`restored ${backup} into ${db} (seq ${seq})${replaced ? `; the previous file is kept as ${replaced}` : ''}`);
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
}
