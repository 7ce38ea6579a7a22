/** The GridOps server for the intake benchmark: a fresh temp db; prints its port on stdout. */
import { openDatabase } from '../db/connection';
import { createApp } from '../server/app';
import { SqliteStore } from '../server/store/sqlite-store';
import { tempDbFile } from '../test/support/server';
import { benchAuthenticator } from './support';

const store = new SqliteStore(openDatabase(tempDbFile()));
const grid = createApp({ store, authenticator: benchAuthenticator });
console.log(await grid.listen(0, '127.0.0.1'));
// Exit cleanly on SIGTERM so a --cpu-prof profile gets written.
process.on('SIGTERM', () => process.exit(0));
// The bench asks for the CPU this process has used (µs, user + system), a load-independent figure.
process.on('SIGUSR2', () => console.log(JSON.stringify(process.cpuUsage())));
