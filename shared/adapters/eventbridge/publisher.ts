/**
 * The EventPublisher port on EventBridge PutEvents (≤ 10 entries per call). Domain events carry identifiers only
 * (caseId, reference, action, seq, occurredOn): subscribers that need more read it through the API, authorised.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEventEntry, EventPublisher } from '#app/reminders/ports.js';

export const EVENT_SOURCE = 'omslagroute';
export const PUT_EVENTS_LIMIT = 10;

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: DomainEventEntry[]): Promise<{ failed: string[] }> {
    const failed: string[] = [];
    for (let i = 0; i < events.length; i += PUT_EVENTS_LIMIT) {
      const batch = events.slice(i, i + PUT_EVENTS_LIMIT);
      try {
        const out = await this.client.send(
          new PutEventsCommand({
            Entries: batch.map((e) => ({
              Source: EVENT_SOURCE,
              DetailType: e.detailType,
              Detail: JSON.stringify(e.detail),
              EventBusName: this.busName,
              Time: new Date(e.time),
            })),
          }),
        );
        // Entries answer in request order; an entry with an ErrorCode was not accepted.
        (out.Entries ?? []).forEach((entry, index) => {
          const event = batch[index];
          if (event && entry.ErrorCode) failed.push(event.eventId);
        });
        if ((out.Entries ?? []).length < batch.length) failed.push(...batch.slice((out.Entries ?? []).length).map((e) => e.eventId));
      } catch {
        failed.push(...batch.map((e) => e.eventId));
      }
    }
    return { failed };
  }
}

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({});
}
