import type { RequestHandler } from 'express';

/**
 * Behind the proxy, every answer names the node that gave it (`X-GridOps-Node`, GRIDOPS_NODE_ID, as
 * /api/health's `node`): which node took an order, or which one failed a request, without guessing.
 */
export function answeredBy(nodeId: string): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-GridOps-Node', nodeId);
    next();
  };
}
