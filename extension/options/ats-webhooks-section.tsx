import { useId, useState, type FormEvent } from 'react';
import type { AtsIntegration, AtsWebhookFormat, ConsentQuestion, ConsentQuestionMapping, CreatedAtsIntegration } from '@shared/api/ats-integrations.ts';
import type { Channel } from '@shared/api/channels.ts';
import { DEFAULT_NO_ANSWERS, DEFAULT_YES_ANSWERS } from '@shared/domain/application-consent.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

type Outcome = { ok: boolean; text: string } | null;

const formatName: Record<AtsWebhookFormat, string> = { generic: 'Generic signed JSON', greenhouse: 'Greenhouse' };
const channelName: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp' };

/** One channel's question as the form edits it: answers one per line (an answer may contain a comma). */
type ChannelDraft = { question: string; yes: string; no: string };
type MappingDraft = Record<Channel, ChannelDraft>;

const toDraft = (mapping: ConsentQuestionMapping): MappingDraft => {
  const one = (question: ConsentQuestion | null): ChannelDraft =>
    question ? { question: question.question, yes: question.yes.join('\n'), no: question.no.join('\n') } : { question: '', yes: '', no: '' };
  return { sms: one(mapping.sms), whatsapp: one(mapping.whatsapp) };
};

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** An empty question leaves the channel unmapped; empty answer lists take the worker's defaults. */
const fromDraft = (draft: MappingDraft) => {
  const one = ({ question, yes, no }: ChannelDraft) =>
    question.trim() ? { question: question.trim(), ...(lines(yes).length ? { yes: lines(yes) } : {}), ...(lines(no).length ? { no: lines(no) } : {}) } : null;
  return { sms: one(draft.sms), whatsapp: one(draft.whatsapp) };
};

const emptyDraft: MappingDraft = { sms: { question: '', yes: '', no: '' }, whatsapp: { question: '', yes: '', no: '' } };

/** Admins: ATS application webhooks — consent captured on the application form, per channel. */
export function AtsWebhooksSection() {
  const api = useApi();
  const loaded = useLoaded(async () => (await api.atsIntegrations()).integrations, [api]);
  const [created, setCreated] = useState<CreatedAtsIntegration | null>(null);

  if (loaded.error)
    return (
      <p className="alert" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data) return <p className="muted">Loading ATS webhooks…</p>;
  const integrations = loaded.data;
  return (
    <>
      <p>
        When a candidate applies, your ATS can tell Parley their answer to a consent question on the application form. A “yes” grants consent on that channel
        (with the START confirmation where the country asks for double opt-in), a “no” declines it, and anything else changes nothing.
      </p>
      {created && <CreatedSecret created={created} onDone={() => setCreated(null)} />}
      <ul className="integrations">
        {integrations.map((integration) => (
          <AtsIntegrationCard key={integration.id} integration={integration} onChanged={loaded.reload} />
        ))}
      </ul>
      {integrations.length === 0 && <p className="muted">No ATS webhook yet.</p>}
      <AddAtsIntegration
        onAdded={async (added) => {
          setCreated(added);
          await loaded.reload();
        }}
      />
    </>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={label}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy
      </button>
      {copied !== null && <span className={copied ? 'muted' : 'alert'}>{copied ? 'Copied.' : 'Could not copy: select it and copy by hand.'}</span>}
    </>
  );
}

/** The signing secret, this once: the worker keeps it sealed and never returns it again. */
function CreatedSecret({ created, onDone }: { created: CreatedAtsIntegration; onDone(): void }) {
  return (
    <section className="card" aria-label="New ATS webhook" data-testid="ats-created">
      <h2>Paste these into {created.format === 'greenhouse' ? 'Greenhouse (Configure → Dev Center → Web Hooks)' : 'your ATS'}</h2>
      <p>
        Webhook URL: <code data-testid="ats-created-url">{created.webhookUrl}</code> <CopyButton text={created.webhookUrl} label="Copy the webhook URL" />
      </p>
      <p>
        Secret key: <code data-testid="ats-created-secret">{created.secret}</code> <CopyButton text={created.secret} label="Copy the secret" />
      </p>
      <p className="alert">This secret is shown only now. If it is lost, disable this webhook and add a new one.</p>
      <div className="row">
        <button type="button" className="button" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </section>
  );
}

function MappingFields({ draft, onChange }: { draft: MappingDraft; onChange(draft: MappingDraft): void }) {
  const id = useId();
  const set = (channel: Channel, change: Partial<ChannelDraft>) => onChange({ ...draft, [channel]: { ...draft[channel], ...change } });
  return (
    <>
      {(['sms', 'whatsapp'] as const).map((channel) => (
        <fieldset key={channel} className="mapping">
          <legend>{channelName[channel]} consent question</legend>
          <label className="field mapping__question" htmlFor={`${id}-${channel}-question`}>
            <span>Question text or id (empty: applications leave {channelName[channel]} consent as it is)</span>
            <input
              id={`${id}-${channel}-question`}
              aria-label={`${channelName[channel]} question`}
              value={draft[channel].question}
              placeholder="May we text you about your application?"
              onChange={(event) => set(channel, { question: event.target.value })}
            />
          </label>
          <label className="field" htmlFor={`${id}-${channel}-yes`}>
            <span>Answers meaning yes, one per line (empty: the defaults)</span>
            <textarea
              id={`${id}-${channel}-yes`}
              aria-label={`${channelName[channel]} yes answers`}
              rows={5}
              value={draft[channel].yes}
              placeholder={DEFAULT_YES_ANSWERS.join('\n')}
              onChange={(event) => set(channel, { yes: event.target.value })}
            />
          </label>
          <label className="field" htmlFor={`${id}-${channel}-no`}>
            <span>Answers meaning no, one per line (empty: the defaults)</span>
            <textarea
              id={`${id}-${channel}-no`}
              aria-label={`${channelName[channel]} no answers`}
              rows={5}
              value={draft[channel].no}
              placeholder={DEFAULT_NO_ANSWERS.join('\n')}
              onChange={(event) => set(channel, { no: event.target.value })}
            />
          </label>
        </fieldset>
      ))}
    </>
  );
}

function AtsIntegrationCard({ integration, onChanged }: { integration: AtsIntegration; onChanged(): Promise<void> }) {
  const api = useApi();
  const [draft, setDraft] = useState(() => toDraft(integration.consentMapping));
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      const saved = await api.updateAtsIntegration(integration.id, { consentMapping: fromDraft(draft) });
      setDraft(toDraft(saved.consentMapping));
      setOutcome({ ok: true, text: 'Saved.' });
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function disable() {
    try {
      await api.disableAtsIntegration(integration.id);
      await onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <li className="integration" data-testid="ats-integration" data-enabled={integration.enabled}>
      <form className="card" aria-label={`ATS webhook ${integration.name}`} onSubmit={(event) => void save(event)}>
        <div className="row">
          <strong>{integration.name}</strong>
          <span className="muted">
            {formatName[integration.format]} · {integration.enabled ? 'enabled' : 'disabled'}
          </span>
        </div>
        <p>
          Webhook URL: <code>{integration.webhookUrl}</code> <CopyButton text={integration.webhookUrl} label={`Copy the webhook URL of ${integration.name}`} />
        </p>
        {integration.enabled && (
          <>
            <MappingFields draft={draft} onChange={setDraft} />
            <div className="row">
              <button type="submit" className="button button--primary">
                Save questions
              </button>
              <button type="button" className="button" onClick={() => void disable()}>
                Disable
              </button>
            </div>
          </>
        )}
        {outcome && (
          <p className={outcome.ok ? 'ok' : 'alert'} role={outcome.ok ? 'status' : 'alert'}>
            {outcome.text}
          </p>
        )}
      </form>
    </li>
  );
}

function AddAtsIntegration({ onAdded }: { onAdded(created: CreatedAtsIntegration): Promise<void> }) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<AtsWebhookFormat>('greenhouse');
  const [draft, setDraft] = useState<MappingDraft>(emptyDraft);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await api.addAtsIntegration({ name, format, consentMapping: fromDraft(draft) });
      setName('');
      setDraft(emptyDraft);
      await onAdded(created);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }

  return (
    <form className="card" aria-label="Add an ATS webhook" onSubmit={(event) => void submit(event)}>
      <h2>Add an ATS webhook</h2>
      <label className="field" htmlFor={`${id}-name`}>
        <span>Name</span>
        <input id={`${id}-name`} aria-label="Name" required value={name} placeholder="Greenhouse EU" onChange={(event) => setName(event.target.value)} />
      </label>
      <label className="field" htmlFor={`${id}-format`}>
        <span>Format</span>
        <select id={`${id}-format`} aria-label="Format" value={format} onChange={(event) => setFormat(event.target.value as AtsWebhookFormat)}>
          <option value="greenhouse">Greenhouse (new candidate application)</option>
          <option value="generic">Generic signed JSON (see the README)</option>
        </select>
      </label>
      <MappingFields draft={draft} onChange={setDraft} />
      <div className="row">
        <button type="submit" className="button button--primary">
          Add webhook
        </button>
      </div>
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
