import { useId, useState, type FormEvent } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { Integration, SendingNumber } from '@shared/api/integrations.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { useLoaded } from './use-loaded.ts';

type Outcome = { ok: boolean; text: string } | null;

const providerName: Record<Integration['provider'], string> = { twilio: 'Twilio', 'whatsapp-cloud': 'WhatsApp Cloud (Meta)', sandbox: 'Sandbox' };

/** Admins: provider integrations (add, test, disable, webhook URLs) and the numbers Parley sends from. */
export function IntegrationsSection() {
  const api = useApi();
  const loaded = useLoaded(async () => {
    const [list, numberList] = await Promise.all([api.integrations(), api.sendingNumbers()]);
    return { integrations: list.integrations, numbers: numberList.numbers };
  }, [api]);

  if (loaded.error)
    return (
      <p className="alert" role="alert">
        {loaded.error}
      </p>
    );
  if (!loaded.data) return <p className="muted">Loading integrations…</p>;
  const { integrations, numbers } = loaded.data;
  return (
    <>
      <IntegrationList integrations={integrations} onChanged={loaded.reload} />
      <AddIntegration onAdded={loaded.reload} />
      <SendingNumbers integrations={integrations} numbers={numbers} onChanged={loaded.reload} />
    </>
  );
}

function IntegrationList({ integrations, onChanged }: { integrations: Integration[]; onChanged(): Promise<void> }) {
  const api = useApi();
  const [outcome, setOutcome] = useState<Record<string, Outcome>>({});
  const say = (id: string, result: Outcome) => setOutcome((shown) => ({ ...shown, [id]: result }));

  async function test(id: string) {
    try {
      const result = await api.testIntegration(id);
      say(id, { ok: result.ok, text: result.message });
    } catch (error) {
      say(id, { ok: false, text: errorMessage(error) });
    }
  }

  async function disable(id: string) {
    try {
      await api.disableIntegration(id);
      say(id, { ok: true, text: 'Disabled: its numbers no longer send and its webhooks are refused.' });
      await onChanged();
    } catch (error) {
      say(id, { ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="integrations-title">
      <h2 id="integrations-title">Providers</h2>
      {integrations.length === 0 && <p className="muted">No provider yet. Add Twilio or WhatsApp Cloud below.</p>}
      <ul className="integrations">
        {integrations.map((integration) => (
          <li key={integration.id} className="integration" data-testid="integration" data-provider={integration.provider} data-enabled={integration.enabled}>
            <div className="row">
              <strong>{integration.name}</strong>
              <span className="muted">
                {providerName[integration.provider]} · {integration.enabled ? 'enabled' : 'disabled'}
              </span>
            </div>
            {Object.entries(integration.settings).length > 0 && (
              <p className="muted">
                {Object.entries(integration.settings)
                  .map(([name, value]) => `${name}: ${value}`)
                  .join(' · ')}
              </p>
            )}
            <p>
              Webhook URL for inbound messages and delivery statuses (paste it into the provider’s console):{' '}
              <code data-testid="webhook-url">{integration.webhookUrls.inbound}</code>
            </p>
            {integration.enabled && (
              <div className="row">
                <button type="button" className="button" onClick={() => void test(integration.id)} data-testid="integration-test">
                  Test
                </button>
                <button type="button" className="button" onClick={() => void disable(integration.id)} data-testid="integration-disable">
                  Disable
                </button>
              </div>
            )}
            {outcome[integration.id] && (
              <p className={outcome[integration.id]!.ok ? 'ok' : 'alert'} role="status" data-testid="integration-outcome">
                {outcome[integration.id]!.text}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

type Fields = Record<'name' | 'accountSid' | 'authToken' | 'phoneNumberId' | 'accessToken' | 'appSecret' | 'verifyToken' | 'apiBaseUrl', string>;
const emptyFields: Fields = { name: '', accountSid: '', authToken: '', phoneNumberId: '', accessToken: '', appSecret: '', verifyToken: '', apiBaseUrl: '' };

function AddIntegration({ onAdded }: { onAdded(): Promise<void> }) {
  const api = useApi();
  const [provider, setProvider] = useState<'twilio' | 'whatsapp-cloud'>('twilio');
  const [fields, setFields] = useState<Fields>(emptyFields);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const id = useId();

  const field = (name: keyof Fields, label: string, options: { secret?: boolean; required?: boolean; hint?: string } = {}) => (
    <label className="field" htmlFor={`${id}-${name}`}>
      <span>{label}</span>
      <input
        id={`${id}-${name}`}
        type={options.secret ? 'password' : 'text'}
        autoComplete="off"
        required={options.required ?? true}
        value={fields[name]}
        placeholder={options.hint}
        onChange={(event) => setFields((shown) => ({ ...shown, [name]: event.target.value }))}
        data-testid={`integration-${name}`}
      />
    </label>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const apiBaseUrl = fields.apiBaseUrl.trim() ? { apiBaseUrl: fields.apiBaseUrl.trim() } : {};
    try {
      await api.addIntegration(
        provider === 'twilio'
          ? { provider, name: fields.name, settings: { accountSid: fields.accountSid.trim(), ...apiBaseUrl }, credentials: { authToken: fields.authToken } }
          : {
              provider,
              name: fields.name,
              settings: { phoneNumberId: fields.phoneNumberId.trim(), ...apiBaseUrl },
              credentials: { accessToken: fields.accessToken, appSecret: fields.appSecret, verifyToken: fields.verifyToken },
            },
      );
      // The secrets leave the page once stored: the worker never returns them.
      setFields(emptyFields);
      setOutcome({ ok: true, text: 'Added. Paste its webhook URL into the provider’s console, then add its numbers below.' });
      await onAdded();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <form className="card integration-form" aria-label="Add a provider" onSubmit={(e) => void submit(e)}>
      <h2>Add a provider</h2>
      <label className="field" htmlFor={`${id}-provider`}>
        <span>Provider</span>
        <select id={`${id}-provider`} value={provider} onChange={(e) => setProvider(e.target.value as typeof provider)} data-testid="integration-provider">
          <option value="twilio">Twilio (SMS and WhatsApp)</option>
          <option value="whatsapp-cloud">WhatsApp Cloud API (Meta)</option>
        </select>
      </label>
      {field('name', 'Name', { hint: 'Twilio US' })}
      {provider === 'twilio' ? (
        <>
          {field('accountSid', 'Account SID', { hint: 'AC…' })}
          {field('authToken', 'Auth token', { secret: true })}
        </>
      ) : (
        <>
          {field('phoneNumberId', 'Phone number ID')}
          {field('accessToken', 'Access token', { secret: true })}
          {field('appSecret', 'App secret', { secret: true })}
          {field('verifyToken', 'Webhook verify token', { secret: true })}
        </>
      )}
      {field('apiBaseUrl', 'API address (local and test stacks only)', { required: false, hint: 'leave empty for the provider’s own' })}
      <p className="muted">Credentials are encrypted when stored and are never shown again.</p>
      <div className="row">
        <button type="submit" className="button button--primary" data-testid="integration-add">
          Add provider
        </button>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'alert'} role={outcome.ok ? 'status' : 'alert'} data-testid="integration-add-outcome">
          {outcome.text}
        </p>
      )}
    </form>
  );
}

function SendingNumbers({ integrations, numbers, onChanged }: { integrations: Integration[]; numbers: SendingNumber[]; onChanged(): Promise<void> }) {
  const api = useApi();
  const enabled = integrations.filter((i) => i.enabled);
  const [draft, setDraft] = useState({ integrationId: '', channel: 'sms' as Channel, country: '', phoneNumber: '', isDefault: false, rate: '' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const id = useId();
  const integrationId = draft.integrationId || enabled[0]?.id || '';
  const nameOf = (integrationId: string) => integrations.find((i) => i.id === integrationId)?.name ?? integrationId;

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const { isDefault, rate, ...number } = draft;
      // Unticked leaves a replaced number's default flag as it was; a blank rate is the provider's default.
      await api.putSendingNumber({
        ...number,
        integrationId,
        country: draft.country.trim().toUpperCase(),
        phoneNumber: draft.phoneNumber.trim(),
        ...(isDefault ? { isDefault } : {}),
        messagesPerSecond: rate.trim() === '' ? null : Number(rate),
      });
      setOutcome({ ok: true, text: `${draft.channel === 'sms' ? 'SMS' : 'WhatsApp'} to ${draft.country.toUpperCase()} now goes from ${draft.phoneNumber}.` });
      await onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  async function remove(numberId: string) {
    try {
      await api.removeSendingNumber(numberId);
      await onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="numbers-title">
      <h2 id="numbers-title">Sending numbers</h2>
      <p className="muted">
        A message goes from the number of the candidate’s country on its channel (local); without one, from the channel’s default (international).
      </p>
      <table className="grid" data-testid="sending-numbers">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Country</th>
            <th>Number</th>
            <th>Provider</th>
            <th>Default</th>
            <th>Rate</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <tr key={n.id} data-testid="sending-number">
              <td>{n.channel === 'sms' ? 'SMS' : 'WhatsApp'}</td>
              <td>{n.country}</td>
              <td>{n.phoneNumber}</td>
              <td>{nameOf(n.integrationId)}</td>
              <td>{n.isDefault ? 'default' : ''}</td>
              <td title={n.messagesPerSecond === null ? `The provider’s rate for this number: ${n.defaultRateBasis}` : 'Set by an admin'}>
                {n.messagesPerSecond ?? n.defaultMessagesPerSecond}/s{n.messagesPerSecond === null ? ' (default)' : ''}
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => void remove(n.id)} aria-label={`Remove ${n.phoneNumber}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="row" aria-label="Set a sending number" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${id}-integration`}>Provider</label>
        <select
          id={`${id}-integration`}
          value={integrationId}
          onChange={(e) => setDraft({ ...draft, integrationId: e.target.value })}
          data-testid="number-integration"
        >
          {enabled.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-channel`}>Channel</label>
        <select
          id={`${id}-channel`}
          value={draft.channel}
          onChange={(e) => setDraft({ ...draft, channel: e.target.value as Channel })}
          data-testid="number-channel"
        >
          <option value="sms">SMS</option>
          <option value="whatsapp">WhatsApp</option>
        </select>
        <label htmlFor={`${id}-country`}>Country</label>
        <input
          id={`${id}-country`}
          required
          size={3}
          maxLength={2}
          placeholder="GB"
          value={draft.country}
          onChange={(e) => setDraft({ ...draft, country: e.target.value })}
          data-testid="number-country"
        />
        <label htmlFor={`${id}-number`}>Number</label>
        <input
          id={`${id}-number`}
          required
          placeholder="+442079460000"
          value={draft.phoneNumber}
          onChange={(e) => setDraft({ ...draft, phoneNumber: e.target.value })}
          data-testid="number-phone"
        />
        <label htmlFor={`${id}-rate`}>Messages/s</label>
        <input
          id={`${id}-rate`}
          type="number"
          min="0.1"
          max="1000"
          step="any"
          size={5}
          placeholder="default"
          title="Only if your provider raised this number’s rate (a registered campaign, high-throughput toll-free, a WhatsApp upgrade). Blank: the provider’s default for the number type. Messages beyond it wait their turn."
          value={draft.rate}
          onChange={(e) => setDraft({ ...draft, rate: e.target.value })}
          data-testid="number-rate"
        />
        <label>
          <input type="checkbox" checked={draft.isDefault} onChange={(e) => setDraft({ ...draft, isDefault: e.target.checked })} /> make it the channel’s
          default
        </label>
        <button type="submit" className="button button--primary" disabled={!integrationId} data-testid="number-save">
          Save number
        </button>
      </form>
      {outcome && (
        <p className={outcome.ok ? 'ok' : 'alert'} role={outcome.ok ? 'status' : 'alert'} data-testid="number-outcome">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
