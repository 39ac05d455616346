import { useEffect, useId, useRef, useState } from 'react';
import type { Channel } from '@shared/api/channels.ts';
import type { Template } from '@shared/api/templates.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';

type Props = {
  channel: Channel;
  /** The candidate's language: its templates come first. */
  language: string;
  disabled: boolean;
  onPick(template: Template): void;
};

type Results = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; templates: Template[] };

/** Typing should not cost a request per key. */
const SEARCH_DELAY_MS = 200;

/** "Templates" button opening a search over the tenant's templates for this channel. */
export function TemplatePicker({ channel, language, disabled, onPick }: Props) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const ids = { region: useId(), search: useId() };
  const search = useRef<HTMLInputElement>(null);
  // Opening the picker is asking to search: the search box takes the focus the button had.
  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .listTemplates({ channel, ...(query.trim() ? { q: query.trim() } : {}) }, abort.signal)
        .then(({ templates }) => setResults({ status: 'ready', templates: inLanguageFirst(templates, language) }))
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setResults({ status: 'error', message: errorMessage(error) });
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, open, query, channel, language]);

  function pick(template: Template) {
    setOpen(false);
    setQuery('');
    onPick(template);
  }

  return (
    <div className="template-picker">
      <button
        type="button"
        className="button button--small"
        data-testid="template-picker-toggle"
        aria-expanded={open}
        aria-controls={ids.region}
        disabled={disabled}
        onClick={() => setOpen(!open)}
      >
        Templates
      </button>
      {open && (
        <section id={ids.region} className="template-picker__popover" aria-label="Insert a template">
          <label htmlFor={ids.search} className="visually-hidden">
            Search templates
          </label>
          <input
            id={ids.search}
            type="search"
            data-testid="template-search"
            placeholder="Search templates"
            ref={search}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setOpen(false);
            }}
          />
          {results.status === 'loading' && <p className="muted">Loading templates…</p>}
          {results.status === 'error' && (
            <p className="alert" role="alert">
              {results.message}
            </p>
          )}
          {results.status === 'ready' &&
            (results.templates.length === 0 ? (
              <p className="muted">No template matches.</p>
            ) : (
              <ul className="template-picker__list">
                {results.templates.map((template) => (
                  <li key={template.id}>
                    <button type="button" className="template-picker__option" data-testid="template-option" onClick={() => pick(template)}>
                      <span className="template-picker__name">{template.name}</span>
                      <span className="template-picker__lang muted">{template.language.toUpperCase()}</span>
                      <span className="template-picker__body muted">{template.body}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ))}
        </section>
      )}
    </div>
  );
}

/** Stable: the worker's order (language, name) within each group. */
function inLanguageFirst(templates: Template[], language: string): Template[] {
  const primary = language.split('-')[0];
  const matches = (t: Template) => t.language === language || t.language === primary;
  return [...templates.filter(matches), ...templates.filter((t) => !matches(t))];
}
