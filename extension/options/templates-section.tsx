import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { Template } from '@shared/api/templates.ts';
import { MERGE_FIELDS, mergeValuesOf, previewTemplate } from '@shared/domain/template.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { TemplatePreview } from '../ui/template-preview.tsx';
import type { SectionProps } from './section-props.ts';
import { useLoaded } from './use-loaded.ts';

/** The languages Parley's defaults and consent pages speak; others can be typed in. */
const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'];

type Draft = {
  name: string;
  language: string;
  channels: Channel[];
  body: string;
  /** The approved WhatsApp twin, edited as plain fields; an empty id means none. */
  whatsappId: string;
  whatsappLanguage: string;
  /** One merge-field expression per line, filling {{1}}, {{2}}, … in order. */
  whatsappVariables: string;
};

const emptyDraft: Draft = { name: '', language: 'en', channels: ['sms'], body: '', whatsappId: '', whatsappLanguage: 'en', whatsappVariables: '' };

const draftOf = (t: Template): Draft => ({
  name: t.name,
  language: t.language,
  channels: t.channels,
  body: t.body,
  whatsappId: t.whatsapp?.id ?? '',
  whatsappLanguage: t.whatsapp?.language ?? t.language,
  whatsappVariables: t.whatsapp?.variables.join('\n') ?? '',
});

const inputOf = (d: Draft) => ({
  name: d.name,
  language: d.language,
  channels: d.channels,
  body: d.body,
  whatsapp:
    d.channels.includes('whatsapp') && d.whatsappId.trim()
      ? { id: d.whatsappId.trim(), language: d.whatsappLanguage.trim(), variables: d.whatsappVariables.split('\n').filter((line) => line.trim()) }
      : null,
});

/** Admins: the tenant's templates, with an editor that previews the body as a candidate reads it. */
export function TemplatesSection({ user }: SectionProps) {
  const api = useApi();
  const loaded = useLoaded(async () => (await api.listTemplates()).templates, [api]);
  const [query, setQuery] = useState('');
  // null: the list; 'new' or a template: the editor.
  const [editing, setEditing] = useState<'new' | Template | null>(null);

  const sampleValues = useMemo(
    () =>
      mergeValuesOf({
        candidate: { name: 'Ada Lovelace', jobTitle: 'Senior Backend Engineer' },
        companyName: user.tenantName,
        recruiterName: user.name,
        interview: { date: 'Tuesday 3 December', time: '10:00', location: '1 Market Street' },
      }),
    [user],
  );

  if (editing) {
    return (
      <TemplateEditor
        key={editing === 'new' ? 'new' : editing.id}
        template={editing === 'new' ? null : editing}
        sampleValues={sampleValues}
        onDone={() => {
          setEditing(null);
          void loaded.reload();
        }}
      />
    );
  }

  const needle = query.trim().toLowerCase();
  const shown = (loaded.data ?? []).filter((t) => !needle || `${t.name}\n${t.body}`.toLowerCase().includes(needle));
  return (
    <section className="card" data-testid="templates-section">
      <div className="row">
        <input
          type="search"
          aria-label="Search templates"
          placeholder="Search templates"
          data-testid="templates-search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" className="button button--primary" data-testid="template-new" onClick={() => setEditing('new')}>
          New template
        </button>
      </div>
      {loaded.error && (
        <p className="alert" role="alert">
          {loaded.error}
        </p>
      )}
      {loaded.loading && <p className="muted">Loading templates…</p>}
      {loaded.data && (
        <table className="grid">
          <thead>
            <tr>
              <th>Name</th>
              <th>Language</th>
              <th>Channels</th>
              <th>Text</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.id} data-testid="template-row">
                <td>
                  <button type="button" className="link-button" onClick={() => setEditing(t)}>
                    {t.name}
                  </button>
                </td>
                <td>{t.language}</td>
                <td>{t.channels.map((c) => (c === 'sms' ? 'SMS' : 'WhatsApp')).join(', ')}</td>
                <td className="templates__body muted">{t.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type EditorProps = { template: Template | null; sampleValues: ReturnType<typeof mergeValuesOf>; onDone(): void };

function TemplateEditor({ template, sampleValues, onDone }: EditorProps) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(template ? draftOf(template) : emptyDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggleChannel = (channel: Channel, on: boolean) =>
    set('channels', on ? [...new Set([...draft.channels, channel])] : draft.channels.filter((c) => c !== channel));
  // The same renderer the worker sends with, on sample values: what the admin sees is what goes out.
  const preview = useMemo(() => (draft.body.trim() ? previewTemplate(draft.body, sampleValues) : null), [draft.body, sampleValues]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (template) await api.updateTemplate(template.id, inputOf(draft));
      else await api.createTemplate(inputOf(draft));
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  async function remove() {
    if (!template || !confirm(`Delete the template "${template.name}"?`)) return;
    setBusy(true);
    try {
      await api.deleteTemplate(template.id);
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <form className="card template-editor" data-testid="template-editor" onSubmit={(event) => void save(event)}>
      <h2>{template ? `Edit “${template.name}”` : 'New template'}</h2>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} data-testid="template-name" required maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} />
      <label htmlFor={`${id}-language`}>Language</label>
      <input
        id={`${id}-language`}
        data-testid="template-language"
        list={`${id}-languages`}
        required
        pattern="[a-z]{2}(-[A-Z]{2})?"
        value={draft.language}
        onChange={(e) => set('language', e.target.value)}
      />
      <datalist id={`${id}-languages`}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} />
        ))}
      </datalist>
      <fieldset className="row">
        <legend>Channels</legend>
        {(['sms', 'whatsapp'] as const).map((channel) => (
          <label key={channel}>
            <input
              type="checkbox"
              data-testid={`template-channel-${channel}`}
              checked={draft.channels.includes(channel)}
              onChange={(e) => toggleChannel(channel, e.target.checked)}
            />{' '}
            {channel === 'sms' ? 'SMS' : 'WhatsApp'}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-body`}>Text</label>
      <textarea id={`${id}-body`} data-testid="template-body" rows={5} required value={draft.body} onChange={(e) => set('body', e.target.value)} />
      <p className="muted">
        Merge fields: {MERGE_FIELDS.map((f) => `{{${f}}}`).join(' ')}. A fallback fills an empty value: {'{{candidate.first_name | "there"}}'}.
      </p>
      {preview && (
        <TemplatePreview
          id={`${id}-problems`}
          preview={preview}
          channel={draft.channels.includes('sms') ? 'sms' : 'whatsapp'}
          recipient="Ada (sample values)"
        />
      )}
      {draft.channels.includes('whatsapp') && (
        <fieldset className="template-editor__whatsapp">
          <legend>Approved WhatsApp template (optional, needed outside the 24-hour window)</legend>
          <label htmlFor={`${id}-wa-id`}>Meta template name or Twilio Content SID</label>
          <input id={`${id}-wa-id`} data-testid="template-whatsapp-id" value={draft.whatsappId} onChange={(e) => set('whatsappId', e.target.value)} />
          <label htmlFor={`${id}-wa-language`}>Template language</label>
          <input id={`${id}-wa-language`} value={draft.whatsappLanguage} onChange={(e) => set('whatsappLanguage', e.target.value)} />
          <label htmlFor={`${id}-wa-variables`}>Variables {'{{1}}, {{2}}, …'}, one merge field per line</label>
          <textarea id={`${id}-wa-variables`} rows={3} value={draft.whatsappVariables} onChange={(e) => set('whatsappVariables', e.target.value)} />
        </fieldset>
      )}
      {error && (
        <p className="alert" role="alert" data-testid="template-save-error">
          {error}
        </p>
      )}
      <div className="row">
        {/* The worker refuses what the preview lists (422): fixed here first, and said why. */}
        <button
          type="submit"
          className="button button--primary"
          data-testid="template-save"
          disabled={busy || preview?.ok === false}
          aria-describedby={preview?.ok === false ? `${id}-problems` : undefined}
        >
          Save
        </button>
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        {template && (
          <button type="button" className="button" data-testid="template-delete" onClick={() => void remove()} disabled={busy}>
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
