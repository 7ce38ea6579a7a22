/**
 * `npm run replay -- FILE --map MAPPING [options]` — a city's service-request CSV
 * `npm run replay -- --open311 URL-or-FILE [options]` — a GeoReport v2 requests.json
 *
 * options: [--speed N|max] [--max-gap SECONDS] [--max-refused N|N%] [--id-prefix P]
 *          [--base-url URL] [--user U --password P | --cookie C | --api-key K] [--quiet]
 *
 * Streams the rows into POST /api/work-orders of a running GridOps server, and carries rows the
 * source closed (or has in progress) through the workflow at the source's times. The mapping is
 * checked against the file's header before anything is sent. Times are shifted so the first row
 * happens now, gaps kept (divided by --speed); positions are laid over the district. Each refused
 * row is printed with its reason and line, then a summary per reason. The exit code is 1 when more
 * rows were refused than --max-refused allows (default 0: any refusal fails the run).
 */
import { replayCli } from '../sim/replay/cli';

const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
void replayCli(process.argv.slice(2), { log: console.log, error: console.error, signal: controller.signal }).then((code) => process.exit(code));
