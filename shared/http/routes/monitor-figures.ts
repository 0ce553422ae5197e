import { monitorFigures, type MonitorDeps } from '#app/monitor/figures.js';
import { CSV_COLUMNS, figuresRows, monitorQuerySchema, type MonthFigures } from '#domain/monitor.js';
import { spreadsheetCsv } from '#lib/csv.js';
import type { HttpRequest } from '../request.js';
import { defineRoute } from '../route.js';

/** The monitor figures as CSV for Dutch spreadsheet settings: a header row, one row per month (ARCHITECTURE.md, CSV). */
export function figuresCsv(months: readonly MonthFigures[]): string {
  return spreadsheetCsv(CSV_COLUMNS, figuresRows(months));
}

/** `/monitor/{organisationId}.csv` asks for CSV as `format=csv` does. */
function csvSuffix(request: HttpRequest): boolean {
  return (request.params.organisationId ?? '').endsWith('.csv');
}

/**
 * GET /monitor/{organisationId}?from=YYYY-MM&to=YYYY-MM[&format=csv] — an organisation's monitor figures per month,
 * as JSON or as CSV (also `/monitor/{organisationId}.csv`). Counts only (shared/app/monitor).
 */
export const monitorFiguresRoute = defineRoute({
  method: 'GET',
  path: '/monitor/{organisationId}',
  function: 'monitor-figures',
  authenticated: true,
  operationId: 'monitorFigures',
  response: 'MonitorReport',
  summary:
    "Monitor figures per month (at most 24): cases entering each phase, urgenties requested and granted, omklappen, deadlines met and missed, median days sleuteloverdracht → omklap; and cases per phase now. `format=csv` (or `/monitor/{organisationId}.csv`) answers text/csv with ';'. The organisation's organisatiebeheerder; Wonen for its regio",
  tags: ['monitor'],
  query: monitorQuerySchema,
  queryOf: (request) => ({ ...request.query, ...(csvSuffix(request) ? { format: 'csv' } : {}) }),
  textResponses: ['text/csv'],
  handler: async ({ principal, params, query, request }, deps: MonitorDeps) => {
    const raw = params.organisationId ?? '';
    const organisationId = csvSuffix(request) ? raw.slice(0, -'.csv'.length) : raw;
    const report = await monitorFigures(deps, principal, organisationId, query);
    if (query.format !== 'csv') return { statusCode: 200, body: report };
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="monitor-${organisationId}-${report.from}-${report.to}.csv"`,
      },
      body: figuresCsv(report.months),
    };
  },
});
