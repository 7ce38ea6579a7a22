import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several middlewares as one router layer, run in the order given. As between separate layers, an
 * error (passed on, thrown, or a returned promise that rejects) skips the rest and goes on to
 * Express's error handling.
 *
 * Why: every layer Express walks costs a path match, a params object and a few closures per
 * request, and these run on every request: one layer instead of several is less of that.
 */
export function series(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => runFrom(handlers, 0, req, res, next);
}

// A module-level function rather than a named closure made per request: under tsx every named
// closure is also given its name at run time (esbuild's keepNames), a property write per request.
function runFrom(handlers: RequestHandler[], index: number, req: Request, res: Response, next: NextFunction): void {
  const handler = handlers[index];
  if (!handler) return next();
  try {
    const returned: unknown = handler(req, res, (error?: unknown) => (error ? next(error) : runFrom(handlers, index + 1, req, res, next)));
    if (returned instanceof Promise) returned.catch((rejection: unknown) => next(rejection ?? new Error('Rejected promise')));
  } catch (thrown) {
    next(thrown);
  }
}
