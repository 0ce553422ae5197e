/** Issue 16: the SendEmail of a reminder stage carries tags that lead SES's Send/Delivery events back to the stage. */
import { describe, expect, it } from 'vitest';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../shared/adapters/ses/mailer.js';
import { reminderKeys } from '../../shared/adapters/dynamo/reminder-items.js';
import { reminderOfTags, reminderTags } from '../../shared/app/reminders/send.js';
import { parseSesEvents } from '../../shared/lib/ses-events.js';

describe('reminder message tags', () => {
  const key = reminderKeys.reminder('0b7c7f0e-1111-4a2b-9c3d-123456789abc', 'WA6:3', 'herinnering');
  const item = { reminderId: 'rem-1', stage: 'herinnering', caseId: '0b7c7f0e-1111-4a2b-9c3d-123456789abc', SK: key.SK };

  it('SendEmail carries them as EmailTags, in the characters SES allows, and they name the stage again', async () => {
    let input: any;
    const ses = { send: async (command: { input: unknown }) => ((input = command.input), { MessageId: 'ses-1' }) } as unknown as SESv2Client;
    await new SesMailer(ses, { from: 'noreply@omslagroute.example', configurationSet: 'cs' }).send({ to: ['a@b.example'], subject: 's', html: 'h', text: 't', tags: reminderTags(item) });
    expect(input.ConfigurationSetName).toBe('cs');
    const tags = Object.fromEntries((input.EmailTags as Array<{ Name: string; Value: string }>).map((t) => [t.Name, t.Value]));
    for (const value of Object.values(tags)) expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(reminderOfTags(tags)).toEqual({ reminderId: 'rem-1', key });
  });

  it('an SES Send event is read with its tags (no longer ignored)', () => {
    const tags = Object.fromEntries(Object.entries(reminderTags(item)).map(([k, v]) => [k, [v]]));
    const { events, ignored } = parseSesEvents({ eventType: 'Send', mail: { messageId: 'ses-1', timestamp: '2026-06-08T08:00:00.000Z', destination: ['a@b.example'], tags }, send: {} });
    expect(ignored).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: 'send', sesMessageId: 'ses-1', tags: reminderTags(item) })]);
    expect(reminderOfTags({ reminderId: 'x' })).toBeUndefined();
  });
});
