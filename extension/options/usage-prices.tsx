/**
 * The admin's price table and reporting settings for Usage: a price per country (or every other
 * country) × channel × direction × category, in the tenant's currency, and the time zone whose
 * days the reports count. Saved prices apply from now on; messages already sent keep theirs.
 * @module
 */
import { type FormEvent, useEffect, useState } from 'react';
import type { UsagePrice, UsagePrices, UsageSettings } from '@shared/api/usage.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';
import { Field } from '../ui/field.tsx';
import { useLoaded } from './use-loaded.ts';

type Row = Omit<UsagePrice, 'priceMicros'> & { price: string };

const CATEGORY_LABELS: Record<UsagePrice['category'], string> = {
  standard: 'Standard (SMS per segment, replies)',
  template: 'WhatsApp template',
  service: 'WhatsApp service (in the window)',
};

const toRow = (price: UsagePrices['prices'][number]): Row => ({
  country: price.country,
  channel: price.channel,
  direction: price.direction,
  category: price.category,
  price: String(price.priceMicros / 1_000_000),
});

/** "0.0079" in the currency → 7900 millionths; null when it is no price. */
function micros(text: string): number | null {
  if (!/^\d+(\.\d{1,6})?$/.test(text.trim())) return null;
  return Math.round(Number(text.trim()) * 1_000_000);
}

export function UsagePricesEditor({ onSaved }: { onSaved(): void }) {
  const api = useApi();
  const loaded = useLoaded(() => Promise.all([api.usagePrices(), api.usageSettings()]), []);
  const [rows, setRows] = useState<Row[]>([]);
  const [settings, setSettings] = useState<UsageSettings>({ timeZone: 'UTC', currency: 'USD' });
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const examples = loaded.data?.[0].prices.some((price) => price.example) ?? false;

  useEffect(() => {
    if (!loaded.data) return;
    setRows(loaded.data[0].prices.map(toRow));
    setSettings(loaded.data[1]);
  }, [loaded.data]);

  const update = (index: number, change: Partial<Row>) => setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const invalid = rows.some((row) => micros(row.price) === null || !/^([A-Z]{2}|\*)$/.test(row.country));

  async function save(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    try {
      await api.putUsageSettings(settings);
      await api.putUsagePrices({ prices: rows.map(({ price, ...key }) => ({ ...key, priceMicros: micros(price) ?? 0 })) });
      await loaded.reload();
      setNotice({ kind: 'ok', text: 'Saved. New prices count from now on; messages already sent keep their price.' });
      onSaved();
    } catch (failure) {
      setNotice({ kind: 'error', text: errorMessage(failure) });
    }
  }

  return (
    <section className="card">
      <h2>Prices and reporting</h2>
      {examples && (
        <p className="muted" data-testid="usage-prices-examples">
          These are example prices from the demo: replace them with your provider's.
        </p>
      )}
      <form onSubmit={(event) => void save(event)} data-testid="usage-prices-form">
        <div className="row">
          <Field label="Time zone of the reports (IANA)">
            <input value={settings.timeZone} onChange={(event) => setSettings({ ...settings, timeZone: event.target.value })} data-testid="usage-time-zone" />
          </Field>
          <Field label="Currency (ISO 4217)">
            <input
              value={settings.currency}
              maxLength={3}
              onChange={(event) => setSettings({ ...settings, currency: event.target.value.toUpperCase() })}
              data-testid="usage-currency"
            />
          </Field>
        </div>
        {/* Focusable so keyboard users can scroll it when it is wider than the page (axe: scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard. */}
        <section className="usage__table" tabIndex={0} aria-label="Prices, scrolls sideways">
          <table className="table" data-testid="usage-prices">
            <thead>
              <tr>
                <th scope="col">Country (* every other)</th>
                <th scope="col">Channel</th>
                <th scope="col">Direction</th>
                <th scope="col">Category</th>
                <th scope="col">Price per unit ({settings.currency})</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved; the index is their place in the form.
                <tr key={index} data-testid="usage-price">
                  <td>
                    <input
                      value={row.country}
                      aria-label="Country"
                      maxLength={2}
                      onChange={(event) => update(index, { country: event.target.value.toUpperCase() })}
                    />
                  </td>
                  <td>
                    <select value={row.channel} aria-label="Channel" onChange={(event) => update(index, { channel: event.target.value as Row['channel'] })}>
                      <option value="sms">SMS</option>
                      <option value="whatsapp">WhatsApp</option>
                    </select>
                  </td>
                  <td>
                    <select
                      value={row.direction}
                      aria-label="Direction"
                      onChange={(event) => update(index, { direction: event.target.value as Row['direction'] })}
                    >
                      <option value="outbound">Out</option>
                      <option value="inbound">In</option>
                    </select>
                  </td>
                  <td>
                    <select value={row.category} aria-label="Category" onChange={(event) => update(index, { category: event.target.value as Row['category'] })}>
                      {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      value={row.price}
                      aria-label="Price per unit"
                      inputMode="decimal"
                      onChange={(event) => update(index, { price: event.target.value })}
                    />
                  </td>
                  <td>
                    <button type="button" className="button button--small" onClick={() => setRows((current) => current.filter((_, i) => i !== index))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div className="row">
          <button
            type="button"
            className="button"
            onClick={() => setRows((current) => [...current, { country: '*', channel: 'sms', direction: 'outbound', category: 'standard', price: '0' }])}
            data-testid="usage-price-add"
          >
            Add a price
          </button>
          <button type="submit" className="button button--primary" disabled={invalid} data-testid="usage-prices-save">
            Save
          </button>
        </div>
        {invalid && <p className="muted">Each price needs a country code (or *) and an amount such as 0.0079.</p>}
        {notice && (
          <p className={notice.kind === 'error' ? 'alert' : 'muted'} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </p>
        )}
        {loaded.error && (
          <p className="alert" role="alert">
            {loaded.error}
          </p>
        )}
      </form>
    </section>
  );
}
