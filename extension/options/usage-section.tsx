/**
 * Usage: what was sent and what it cost, who uses their seat, and whether it works — over a date
 * range in the tenant's time zone, grouped as the admin chooses, with charts and a CSV of exactly
 * the table shown (the worker writes it from the same shared table, shared/domain/usage.ts). A
 * recruiter sees their own usage; the worker enforces it.
 * @module
 */
import { useState } from 'react';
import type { UsageReport } from '@shared/api/usage.ts';
import { formatCost, formatPercent, localDay, presetRange, USAGE_PRESETS, type UsageGrouping, type UsagePreset, usageTable } from '@shared/domain/usage.ts';
import type { UsageQueryParams } from '../api/client.ts';
import { clock } from '../lib/clock.ts';
import { useApi } from '../ui/api-context.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorMessage } from '../ui/errors.ts';
import { Field } from '../ui/field.tsx';
import { Segmented } from '../ui/segmented.tsx';
import type { SectionProps } from './section-props.ts';
import { UsageCharts } from './usage-charts.tsx';
import { UsagePricesEditor } from './usage-prices.tsx';
import { useLoaded } from './use-loaded.ts';

const PRESET_LABELS: Record<UsagePreset | 'custom', string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  lastMonth: 'Last month',
  custom: 'Custom',
};

const DIMENSIONS = [
  { value: 'user', label: 'User' },
  { value: 'country', label: 'Country' },
  { value: 'channel', label: 'Channel' },
  { value: 'direction', label: 'Direction' },
] as const satisfies readonly { value: UsageGrouping; label: string }[];

type Period = '' | 'day' | 'week' | 'month';

/** Over a quarter, a bar per day is too thin to read: the chart goes by week. */
const timelinePeriod = (from: string, to: string) => (Date.parse(to) - Date.parse(from) > 92 * 86_400_000 ? 'week' : 'day');

export function UsageSection({ user }: SectionProps) {
  const api = useApi();
  const isAdmin = user.role === 'admin';
  const settings = useLoaded(() => api.usageSettings(), []);
  const timeZone = settings.data?.timeZone ?? null;
  const [preset, setPreset] = useState<UsagePreset | 'custom'>('last30');
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [dimensions, setDimensions] = useState<UsageGrouping[]>([isAdmin ? 'user' : 'country']);
  const [period, setPeriod] = useState<Period>('');
  const [exportError, setExportError] = useState<string | null>(null);

  const today = timeZone ? localDay(clock.now(), timeZone) : null;
  const range = today === null ? null : preset === 'custom' && custom ? custom : presetRange(preset === 'custom' ? 'last30' : preset, today);
  const groupBy = [...dimensions, ...(period ? [period] : [])].join(',');
  const query: UsageQueryParams | null = range ? { from: range.from, to: range.to, groupBy } : null;

  // The table's report, and the two the charts draw (over time by channel, by country).
  const report = useLoaded(async () => (query ? api.usage(query) : null), [query?.from, query?.to, groupBy]);
  const charts = useLoaded(
    async () =>
      range
        ? Promise.all([api.usage({ ...range, groupBy: `${timelinePeriod(range.from, range.to)},channel` }), api.usage({ ...range, groupBy: 'country' })])
        : null,
    [range?.from, range?.to],
  );

  function choosePreset(next: UsagePreset | 'custom') {
    if (next === 'custom' && range) setCustom(custom ?? range);
    setPreset(next);
  }

  async function exportCsv() {
    if (!query) return;
    setExportError(null);
    try {
      const csv = await api.usageCsv(query);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `parley-usage-${query.from}-${query.to}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (failure) {
      setExportError(errorMessage(failure));
    }
  }

  const data = report.data;
  return (
    <div className="usage" data-testid="usage-section">
      <section className="card">
        <h2>{isAdmin ? 'Usage of the team' : 'Your usage'}</h2>
        <div className="usage__controls">
          <Segmented
            label="Date range"
            value={preset}
            options={[...USAGE_PRESETS, 'custom' as const].map((value) => ({ value, label: PRESET_LABELS[value] }))}
            onChange={choosePreset}
            testId="usage-range"
          />
          {preset === 'custom' && custom && (
            <span className="row">
              <Field label="From">
                <input
                  type="date"
                  value={custom.from}
                  max={custom.to}
                  onChange={(event) => setCustom({ ...custom, from: event.target.value })}
                  data-testid="usage-from"
                />
              </Field>
              <Field label="To">
                <input
                  type="date"
                  value={custom.to}
                  min={custom.from}
                  onChange={(event) => setCustom({ ...custom, to: event.target.value })}
                  data-testid="usage-to"
                />
              </Field>
            </span>
          )}
        </div>
        {range && (
          <p className="muted" data-testid="usage-range-label">
            {range.from} to {range.to}, days in {timeZone}
          </p>
        )}
        {(settings.error || report.error) && (
          <p className="alert" role="alert">
            {settings.error ?? report.error}
          </p>
        )}
        {data && <Totals report={data} />}
      </section>

      {charts.data && data && (
        <section className="card">
          <h2>Charts</h2>
          <UsageCharts timeline={charts.data[0]} byCountry={charts.data[1]} totals={data.totals} />
        </section>
      )}

      <section className="card">
        <h2>Breakdown</h2>
        <div className="usage__controls">
          <fieldset className="usage__dimensions" aria-label="Group by">
            <legend>Group by</legend>
            {DIMENSIONS.map((dimension) => (
              <label key={dimension.value}>
                <input
                  type="checkbox"
                  checked={dimensions.includes(dimension.value)}
                  onChange={(event) =>
                    setDimensions((current) =>
                      event.target.checked
                        ? DIMENSIONS.map((d) => d.value).filter((d) => d === dimension.value || current.includes(d))
                        : current.filter((d) => d !== dimension.value),
                    )
                  }
                  data-testid={`usage-group-${dimension.value}`}
                />
                {dimension.label}
              </label>
            ))}
          </fieldset>
          <Field label="Over time">
            <select value={period} onChange={(event) => setPeriod(event.target.value as Period)} data-testid="usage-period">
              <option value="">Whole range</option>
              <option value="day">Per day</option>
              <option value="week">Per week</option>
              <option value="month">Per month</option>
            </select>
          </Field>
          <button type="button" className="button" onClick={() => void exportCsv()} disabled={!data} data-testid="usage-export">
            Export CSV
          </button>
        </div>
        {exportError && (
          <p className="alert" role="alert">
            {exportError}
          </p>
        )}
        {data && <UsageTable report={data} />}
      </section>

      {data && <SeatUse report={data} isAdmin={isAdmin} />}
      {isAdmin && <UsagePricesEditor onSaved={() => void Promise.all([settings.reload(), report.reload(), charts.reload()])} />}
    </div>
  );
}

function Totals({ report }: { report: UsageReport }) {
  const t = report.totals;
  const figures: [string, string, string][] = [
    ['out', 'Messages out', t.messagesOut.toLocaleString('en')],
    ['in', 'Messages in', t.messagesIn.toLocaleString('en')],
    ['segments', 'SMS segments', t.segments.toLocaleString('en')],
    ['reached', 'Candidates reached', t.candidatesReached.toLocaleString('en')],
    ['started', 'Conversations started', t.conversationsStarted.toLocaleString('en')],
    ['delivered', 'Delivered', t.delivered.toLocaleString('en')],
    ['failed', 'Failed', t.failed.toLocaleString('en')],
    ['reply-rate', 'Reply rate', formatPercent(t.replyRate)],
    ['cost', 'Estimated cost', formatCost(t.costMicros, report.currency)],
  ];
  return (
    <>
      <dl className="usage__totals" data-testid="usage-totals">
        {figures.map(([id, label, value]) => (
          <div key={id} data-testid={`usage-total-${id}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.pricesAreExamples && (
        <p className="muted" data-testid="usage-example-prices">
          The cost is estimated from example prices: set your own below.
        </p>
      )}
      {report.failureReasons.length > 0 && (
        <div data-testid="usage-failures">
          <h3>Why messages failed</h3>
          <ul>
            {report.failureReasons.map((failure) => (
              <li key={failure.reason}>
                {failure.reason} <span className="muted">({failure.count.toLocaleString('en')})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function UsageTable({ report }: { report: UsageReport }) {
  const [header, ...rows] = usageTable(report.groupBy, report.rows, report.currency);
  const [totals] = usageTable([], [report.totals], report.currency).slice(1);
  if (rows.length === 0) return <EmptyState title="No messages in this range.">Choose a longer range, or another one.</EmptyState>;
  return (
    // Focusable so keyboard users can scroll a table wider than the page (axe: scrollable-region-focusable).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
    <section className="usage__table" tabIndex={0} aria-label={`Usage by ${report.groupBy.join(' and ') || 'range'}, scrolls sideways`}>
      <table className="table" data-testid="usage-table">
        <caption className="visually-hidden">Usage by {report.groupBy.join(' and ') || 'range'}</caption>
        <thead>
          <tr>
            {header!.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells) => (
            <tr key={cells.slice(0, report.groupBy.length).join('|')} data-testid="usage-row">
              {cells.map((cell, i) => (
                <td key={header![i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="usage-table-total">
            {report.groupBy.map((grouping, i) => (
              <th key={grouping} scope="row">
                {i === 0 ? 'Total' : ''}
              </th>
            ))}
            {totals!.map((cell, i) => (
              <td key={header![report.groupBy.length + i]}>{cell}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function SeatUse({ report, isAdmin }: { report: UsageReport; isAdmin: boolean }) {
  return (
    <section className="card">
      <h2>Seat use</h2>
      <p className="muted">
        Messages out from {report.from} to {report.to}; a seat is idle after 30 days without one.
      </p>
      <table className="table" data-testid="usage-seats">
        <thead>
          <tr>
            <th scope="col">Seat holder</th>
            <th scope="col">Messages out</th>
            <th scope="col">Last message out</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {report.seats.map((seat) => (
            <tr key={seat.userId} data-testid="usage-seat" data-idle={seat.idle}>
              <td>
                {seat.name} <span className="muted">{seat.email}</span>
              </td>
              <td>{seat.messagesOut.toLocaleString('en')}</td>
              <td>
                {seat.lastSendDay ?? 'Never'} {seat.idle && <span className="badge badge--warning">Idle</span>}
              </td>
              <td>
                {isAdmin && seat.idle && (
                  <a className="button button--small" href="#users" data-testid="usage-reassign">
                    Reassign seat
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
