import type { Channel } from '../../shared/api/channels.ts';
import type { PutSendingNumberBody, SenderForCandidate, SendingNumber } from '../../shared/api/integrations.ts';
import {
  deleteSendingNumber,
  findIntegration,
  listSendingNumbers,
  sendingNumberQuery,
  putSendingNumberStatements,
  type SendingNumberRow,
} from '../db/queries/integrations.ts';
import { runQuery } from '../db/queries/together.ts';
import { defaultSendingRate } from '../../shared/domain/sending-rate.ts';
import { ApiError, notFound } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { type Actor, settingsAuditStatement } from './audit.ts';
import { requireCandidate } from './candidates.ts';

function toNumber(row: SendingNumberRow): SendingNumber {
  const standard = defaultSendingRate(row.provider, row.channel, row.phone_number);
  return {
    id: row.id,
    integrationId: row.integration_id,
    channel: row.channel,
    country: row.country,
    phoneNumber: row.phone_number,
    isDefault: row.is_default === 1,
    messagesPerSecond: row.messages_per_second,
    defaultMessagesPerSecond: standard.messagesPerSecond,
    defaultRateBasis: standard.basis,
  };
}

export async function listNumbers(db: D1Database, tenantId: string): Promise<SendingNumber[]> {
  return (await listSendingNumbers(db, tenantId)).map(toNumber);
}

export async function putNumber(db: D1Database, tenantId: string, input: PutSendingNumberBody, actor: Actor, now: Date): Promise<SendingNumber> {
  const integration = await findIntegration(db, tenantId, input.integrationId);
  if (!integration) throw notFound('The integration');
  if (input.channel === 'sms' && integration.provider === 'whatsapp-cloud') {
    throw new ApiError(422, 'validation_failed', 'channel: a WhatsApp Cloud integration cannot send SMS.');
  }
  const detail = `${input.channel} ${input.country} → ${input.phoneNumber} via ${integration.provider} "${integration.name}" (${integration.id})${input.isDefault === undefined ? '' : input.isDefault ? ', default' : ', not default'}${
    input.messagesPerSecond === undefined ? '' : input.messagesPerSecond === null ? ', provider’s default rate' : `, ${input.messagesPerSecond} messages/s`
  }`;
  await db.batch([
    ...putSendingNumberStatements(db, tenantId, { id: newId('num'), ...input }),
    settingsAuditStatement(db, tenantId, 'sending_number.saved', actor, detail, now),
  ]);
  const stored = (await listSendingNumbers(db, tenantId)).find((n) => n.channel === input.channel && n.country === input.country);
  if (!stored) throw new Error('sending number vanished after upsert');
  return toNumber(stored);
}

export async function removeNumber(db: D1Database, tenantId: string, numberId: string, actor: Actor, now: Date): Promise<void> {
  const number = (await listSendingNumbers(db, tenantId)).find((n) => n.id === numberId);
  const { meta } = await deleteSendingNumber(db, tenantId, numberId);
  if (!number || !meta.changes) throw notFound('The sending number');
  const detail = `${number.channel} ${number.country} ${number.phone_number} (${number.id})`;
  await settingsAuditStatement(db, tenantId, 'sending_number.removed', actor, detail, now).run();
}

/** The number `sendMessage` would pick (sendingNumberQuery): the candidate's country's, else the default. */
export async function senderFor(db: D1Database, tenantId: string, candidateId: string, channel: Channel): Promise<SenderForCandidate> {
  const candidate = await requireCandidate(db, tenantId, candidateId);
  const number = await runQuery(db, sendingNumberQuery(db, tenantId, channel, candidate.phone_country));
  if (!number) return { phoneNumber: null, country: null, international: false };
  return { phoneNumber: number.phoneNumber, country: number.country, international: number.country !== candidate.phone_country };
}
