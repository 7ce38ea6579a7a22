/**
 * The intake benchmark's floor: a bare Express 5 app that parses the same JSON body (same limit,
 * strict) and answers 201 with a small JSON body. Runs in its own process, like the GridOps server;
 * prints its port on stdout.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '256kb', strict: true }));
app.post('/api/work-orders', (req, res) => {
  res.status(201).json({ ok: true, received: typeof req.body === 'object' });
});
const server = app.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
process.on('SIGTERM', () => process.exit(0));
// The bench asks for the CPU this process has used (µs, user + system), a load-independent figure.
process.on('SIGUSR2', () => console.log(JSON.stringify(process.cpuUsage())));
