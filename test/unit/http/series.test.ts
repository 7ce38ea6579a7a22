import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { series } from '../../../server/http/series';

/** Runs a series once and resolves with what it passed on to Express's next(). */
function run(handler: RequestHandler): Promise<{ ran: string[]; passed: unknown }> {
  const req = { ran: [] as string[] } as unknown as Request;
  return new Promise((resolve) => {
    const next: NextFunction = (passed?: unknown) => resolve({ ran: (req as unknown as { ran: string[] }).ran, passed });
    void handler(req, {} as Response, next);
  });
}
const step =
  (name: string, then: (next: NextFunction) => void = (next) => next()): RequestHandler =>
  (req, _res, next) => {
    (req as unknown as { ran: string[] }).ran.push(name);
    then(next);
  };

describe('series: several middlewares as one layer', () => {
  it('runs them in order, waiting for each one’s next(), then passes on with no error', async () => {
    const later = step('b', (next) => setTimeout(() => next(), 1));
    expect(await run(series(step('a'), later, step('c')))).toEqual({ ran: ['a', 'b', 'c'], passed: undefined });
  });

  it('an error passed on, thrown, or a rejected promise skips the rest and reaches next()', async () => {
    const failure = new Error('refused');
    expect(
      await run(
        series(
          step('a', (next) => next(failure)),
          step('b'),
        ),
      ),
    ).toEqual({ ran: ['a'], passed: failure });
    const throwing: RequestHandler = () => {
      throw failure;
    };
    expect(await run(series(step('a'), throwing, step('b')))).toEqual({ ran: ['a'], passed: failure });
    const rejecting = (() => Promise.reject(failure)) as unknown as RequestHandler;
    expect(await run(series(rejecting, step('b')))).toEqual({ ran: [], passed: failure });
  });
});
