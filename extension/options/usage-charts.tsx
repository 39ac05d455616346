/**
 * The Usage section's charts, drawn with Chart.js on canvases: messages over time by channel, the
 * top countries, and the delivery outcome. Only the controllers used are registered, so the
 * options page carries no more of the library than it draws; nothing here reaches the content script.
 * @module
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import type { UsageReport } from '@shared/api/usage.ts';
import { channelLabel, countryName } from '../ui/format.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

const CHANNEL_COLOURS = { sms: '#2563eb', whatsapp: '#16a34a' } as const;
const TOP_COUNTRIES = 8;

/** One chart on its canvas, redrawn when its configuration changes. */
function ChartCanvas({ config, label, testId }: { config: ChartConfiguration; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // A browser without a 2D canvas (the component tests' DOM) shows the figure in words only.
    if (!canvas.current?.getContext('2d')) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className="usage-chart" data-testid={testId}>
      <figcaption>{label}</figcaption>
      <canvas ref={canvas} role="img" aria-label={label} />
    </figure>
  );
}

const common = { responsive: true, maintainAspectRatio: false, animation: false } as const;

function messagesOverTime(timeline: UsageReport): ChartConfiguration {
  const periods = [...new Set(timeline.rows.map((row) => row.period ?? ''))].sort();
  return {
    type: 'bar',
    data: {
      labels: periods,
      datasets: (['sms', 'whatsapp'] as const).map((channel) => ({
        label: channelLabel[channel],
        backgroundColor: CHANNEL_COLOURS[channel],
        data: periods.map((period) =>
          timeline.rows.filter((row) => row.period === period && row.channel === channel).reduce((sum, row) => sum + row.messagesOut + row.messagesIn, 0),
        ),
      })),
    },
    options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  };
}

function topCountries(byCountry: UsageReport): ChartConfiguration {
  const top = [...byCountry.rows].sort((a, b) => b.messagesOut + b.messagesIn - (a.messagesOut + a.messagesIn)).slice(0, TOP_COUNTRIES);
  return {
    type: 'bar',
    data: {
      labels: top.map((row) => (row.country === 'ZZ' ? 'Unknown' : countryName(row.country ?? ''))),
      datasets: [
        { label: 'Messages out', backgroundColor: '#7c3aed', data: top.map((row) => row.messagesOut) },
        { label: 'Messages in', backgroundColor: '#f59e0b', data: top.map((row) => row.messagesIn) },
      ],
    },
    options: { ...common, indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
  };
}

function deliveryOutcome(totals: UsageReport['totals']): ChartConfiguration {
  const pending = Math.max(totals.messagesOut - totals.delivered - totals.failed, 0);
  return {
    type: 'doughnut',
    data: {
      labels: ['Delivered', 'Failed', 'Sent, not confirmed'],
      datasets: [{ data: [totals.delivered, totals.failed, pending], backgroundColor: ['#16a34a', '#dc2626', '#94a3b8'] }],
    },
    options: common,
  };
}

export function UsageCharts({ timeline, byCountry, totals }: { timeline: UsageReport; byCountry: UsageReport; totals: UsageReport['totals'] }) {
  // Built once per report: a new configuration redraws its chart.
  const time = useMemo(() => messagesOverTime(timeline), [timeline]);
  const countries = useMemo(() => topCountries(byCountry), [byCountry]);
  const delivery = useMemo(() => deliveryOutcome(totals), [totals]);
  return (
    <div className="usage-charts">
      <ChartCanvas config={time} label={`Messages per ${timeline.groupBy.find((g) => g !== 'channel')} by channel`} testId="usage-chart-time" />
      <ChartCanvas config={countries} label="Top countries" testId="usage-chart-countries" />
      <ChartCanvas config={delivery} label="Delivery outcome of messages out" testId="usage-chart-delivery" />
    </div>
  );
}
