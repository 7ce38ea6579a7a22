/**
 * The GridOps server for the intake benchmark: a fresh temp db; prints its port on stdout.
 * With PROFILE_SERVER=DIR, the first SIGUSR2 (sent as the timed phase starts) starts the V8 CPU
 * profiler and the second (as it ends) writes DIR/intake-<pid>.cpuprofile: start-up and warm-up
 * stay out of the profile.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { SqliteStore } from '../server/store/sqlite-store';
import { tempDbFile } from '../test/support/server';
import { benchAuthenticator } from './support';

const store = new SqliteStore(openDatabase(tempDbFile()));
const grid = createApp({ store, authenticator: benchAuthenticator });
console.log(await grid.listen(0, '127.0.0.1'));
process.on('SIGTERM', () => process.exit(0));

const profileDir = process.env.PROFILE_SERVER;
let session: Session | null = null;
async function toggleProfile() {
  if (!profileDir) return;
  if (!session) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return;
  }
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(`${profileDir}/intake-${process.pid}.cpuprofile`, JSON.stringify(profile));
  session.disconnect();
}
// The bench asks for the CPU this process has used (µs, user + system), a load-independent figure.
process.on('SIGUSR2', () => {
  console.log(JSON.stringify({ ...process.cpuUsage(), ...store.committer.stats }));
  void toggleProfile();
});
