import { plural } from '../ui/format.ts';
import { useState } from 'react';
import type { SeatImportReport } from '@shared/api/users.ts';
import { useApi } from '../ui/api-context.tsx';
import { errorMessage } from '../ui/errors.ts';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; loaded: number; total: number }
  | { kind: 'checking' | 'applying'; rows: number }
  | { kind: 'planned'; csv: string; report: SeatImportReport }
  | { kind: 'applied'; report: SeatImportReport }
  | { kind: 'failed'; message: string };

/** Reads the file with progress events: a 10,000-row file is ~0.5 MB. */
function readFile(file: File, onProgress: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`));
    reader.readAsText(file);
  });
}

const countRows = (csv: string) => Math.max(csv.split('\n').filter((line) => line.trim()).length - 1, 0);

/**
 * Download → edit → upload. The upload is always a dry run first (every change and every row's
 * error); "Apply" sends the same file again, and the worker applies all of it or, if anything is
 * wrong, nothing.
 */
export function SeatCsvImport({ onApplied }: { onApplied(): void }) {
  const api = useApi();
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  async function download() {
    const csv = await api.exportUsersCsv();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    link.download = 'parley-users.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function upload(file: File) {
    try {
      const csv = await readFile(file, (loaded, total) => setStep({ kind: 'reading', loaded, total }));
      setStep({ kind: 'checking', rows: countRows(csv) });
      setStep({ kind: 'planned', csv, report: await api.importUsersCsv({ csv, dryRun: true }) });
    } catch (failure) {
      setStep({ kind: 'failed', message: errorMessage(failure) });
    }
  }

  async function apply(csv: string) {
    setStep({ kind: 'applying', rows: countRows(csv) });
    try {
      setStep({ kind: 'applied', report: await api.importUsersCsv({ csv, dryRun: false }) });
      onApplied();
    } catch (failure) {
      setStep({ kind: 'failed', message: errorMessage(failure) });
    }
  }

  return (
    <section className="card" aria-label="Seats by CSV">
      <h2>Users and seats by CSV</h2>
      <p className="muted">
        Download the team (email, name, role, seat as yes/no), edit role and seat, and upload it back. You see every change and every row's error first; a file
        with any error changes nothing.
      </p>
      <div className="row">
        <button type="button" className="button" onClick={() => void download()} data-testid="csv-download">
          Download CSV
        </button>
        <label className="button">
          Upload CSV…
          <input
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            data-testid="csv-upload"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      <Progress step={step} />
      {step.kind === 'planned' && <Report report={step.report} onApply={() => void apply(step.csv)} />}
      {step.kind === 'applied' && (
        <p className="ok" role="status" data-testid="csv-applied">
          Applied: {plural(step.report.changes.length, 'user')} changed; {step.report.seats.usedAfter} of {step.report.seats.purchased} seats in use.
        </p>
      )}
      {step.kind === 'failed' && (
        <p className="alert" role="alert">
          {step.message}
        </p>
      )}
    </section>
  );
}

function Progress({ step }: { step: Step }) {
  if (step.kind === 'reading') {
    return (
      <div className="row">
        <progress max={step.total} value={step.loaded} data-testid="csv-progress" aria-label="Reading the file" />
        <span className="muted">Reading the file…</span>
      </div>
    );
  }
  if (step.kind === 'checking' || step.kind === 'applying') {
    // The worker checks or applies the whole file in one request: no partial count to show.
    return (
      <div className="row">
        <progress data-testid="csv-progress" aria-label={step.kind === 'checking' ? 'Checking' : 'Applying'} />
        <span className="muted">
          {step.kind === 'checking' ? 'Checking' : 'Applying'} {step.rows.toLocaleString()} rows…
        </span>
      </div>
    );
  }
  return null;
}

function Report({ report, onApply }: { report: SeatImportReport; onApply(): void }) {
  return (
    <div data-testid="csv-report">
      <p>
        {plural(report.rows, 'row')}: {plural(report.changes.length, 'user')} would change, {plural(report.errors.length, 'error')}. Seats:{' '}
        {report.seats.usedBefore} → {report.seats.usedAfter} of {report.seats.purchased}.
      </p>
      {report.errors.length > 0 && (
        <table className="grid" data-testid="csv-errors">
          <thead>
            <tr>
              <th>Line</th>
              <th>Email</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.slice(0, 500).map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several errors; line and position together are unique.
              <tr key={`${e.line}-${i}`} data-testid="csv-error" data-code={e.code}>
                <td>{e.line}</td>
                <td>{e.email ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.changes.length > 0 && (
        <ul data-testid="csv-changes">
          {report.changes.slice(0, 500).map((c) => (
            <li key={c.userId}>
              {c.email}: {c.seat ? `seat ${c.seat.to ? 'given' : 'revoked'}` : ''}
              {c.seat && c.role ? ', ' : ''}
              {c.role ? `${c.role.from} → ${c.role.to}` : ''}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={report.errors.length > 0 || report.changes.length === 0}
        onClick={onApply}
        data-testid="csv-apply"
      >
        {report.errors.length > 0 ? 'Fix the errors to apply' : 'Apply'}
      </button>
    </div>
  );
}
