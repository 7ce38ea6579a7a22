import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A consistent copy of the live SQLite file, taken while the server keeps serving: SQLite's online
 * backup API over a separate read-only connection. In WAL mode a reader never blocks the server's
 * writes; all pages are copied in one step, so the copy is the database at one commit (a backup
 * taken step by step would restart each time the server commits in between).
 */
export async function backupDatabase(dbFile: string, outFile: string): Promise<{ outFile: string; pages: number; seq: number }> {
  if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}`);
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  const source = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    const result = await source.backup(outFile, { progress: ({ remainingPages }) => Math.max(remainingPages, 1) * 2 });
    const copy = new Database(outFile, { readonly: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`backup failed its integrity check: ${String(check)}`);
      const seq = (copy.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
      return { outFile, pages: result.totalPages, seq };
    } finally {
      copy.close();
    }
  } finally {
    source.close();
  }
}

/**
 * Puts a backup in place of the database file. The server must be stopped (it holds the file
 * open). The backup is checked first; the file it replaces is kept beside it as `…before-restore-TIME`.
 */
export function restoreDatabase(backupFile: string, dbFile: string, now = new Date()): { replaced: string | null; seq: number } {
  if (!existsSync(backupFile)) throw new Error(`no backup at ${backupFile}`);
  const copy = new Database(backupFile, { readonly: true, fileMustExist: true });
  let seq: number;
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${backupFile} failed its integrity check: ${String(check)}`);
    seq = (copy.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
  } finally {
    copy.close();
  }
  mkdirSync(dirname(resolve(dbFile)), { recursive: true });
  let replaced: string | null = null;
  if (existsSync(dbFile)) {
    // Fold the old file's WAL into it before moving it aside, so the kept copy is whole.
    const old = new Database(dbFile);
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    replaced = `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dbFile, replaced);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
  copyFileSync(backupFile, dbFile);
  return { replaced, seq };
}
