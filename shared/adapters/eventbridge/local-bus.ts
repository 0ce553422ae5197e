/**
 * A minimal local stand-in for an EventBridge bus (none exists on npm): it speaks PutEvents (AWS JSON 1.1) on a
 * local port and keeps the events, so the real EventBridgePublisher and the real SDK client are exercised locally
 * (AWS_ENDPOINT_URL_EVENTBRIDGE). Only PutEvents; everything else answers 400. Not for production.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { systemClock } from '#domain/clock.js';

export interface LocalBusEvent {
  id: string;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  eventBusName: string;
  time: string;
}

export interface LocalEventBus {
  endpoint: string;
  events(): LocalBusEvent[];
  clear(): void;
  /** The next `n` PutEvents calls fail as a whole (HTTP 500), to test that the outbox retries. */
  failNextCalls(n: number): void;
  stop(): Promise<void>;
}

interface PutEventsRequest {
  Entries?: Array<{ Source?: string; DetailType?: string; Detail?: string; EventBusName?: string; Time?: number | string }>;
}

export async function startLocalEventBus(options: { port?: number } = {}): Promise<LocalEventBus> {
  const stored: LocalBusEvent[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      if (target !== 'AWSEvents.PutEvents') return reply(400, { __type: 'UnknownOperationException', message: target });
      if (failures > 0) {
        failures -= 1;
        return reply(500, { __type: 'InternalException', message: 'local bus: injected failure' });
      }
      let request: PutEventsRequest;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PutEventsRequest;
      } catch {
        return reply(400, { __type: 'ValidationException', message: 'invalid JSON' });
      }
      const entries = (request.Entries ?? []).map((entry) => {
        if (!entry.Source || !entry.DetailType || !entry.Detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source, DetailType and Detail are required' };
        const id = randomUUID();
        const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000).toISOString() : entry.Time ? new Date(entry.Time).toISOString() : systemClock.now();
        stored.push({ id, source: entry.Source, detailType: entry.DetailType, detail: JSON.parse(entry.Detail) as Record<string, unknown>, eventBusName: entry.EventBusName ?? 'default', time });
        return { EventId: id };
      });
      reply(200, { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    events: () => [...stored],
    clear: () => void stored.splice(0),
    failNextCalls: (n) => {
      failures = n;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
