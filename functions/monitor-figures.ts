import { monitorFigures } from '#app/monitor/figures.js';
import { monitorDeps } from '#app/monitor/wiring.js';
import { figuresCsv, monitorQuerySchema } from '#domain/monitor.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';

/**
 * GET /monitor/{organisationId}?from=YYYY-MM&to=YYYY-MM[&format=csv] — an organisation's monitor figures per month,
 * as JSON or as CSV (also `/monitor/{organisationId}.csv`). Counts only.
 */
export const handler = httpHandler(async (request) => {
  const raw = request.params.organisationId ?? '';
  const csvSuffix = raw.endsWith('.csv');
  const organisationId = csvSuffix ? raw.slice(0, -'.csv'.length) : raw;
  const query = parseWith(monitorQuerySchema, { ...request.query, ...(csvSuffix ? { format: 'csv' } : {}) }, 'query');
  const report = await monitorFigures(monitorDeps(), request.principal, organisationId, query);
  if (query.format !== 'csv') return { statusCode: 200, body: report };
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="monitor-${organisationId}-${report.from}-${report.to}.csv"`,
    },
    body: figuresCsv(report.months),
  };
});
