import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiMetrics, UNMATCHED_ROUTE } from './metrics.service';

/** What Express adds to a request once a route matched it: the route, with its path template (/cases/:id). */
interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
}

/**
 * Counts and times every answer by its route's template, read once the answer is finished; a request no route
 * matched (a 404, a static file) is labelled UNMATCHED_ROUTE, so no concrete path (or id in it) becomes a label.
 */
export function httpMetrics(metrics: ApiMetrics) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? template : UNMATCHED_ROUTE;
      metrics.observeRequest(req.method ?? 'GET', route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
