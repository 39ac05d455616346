import { useState } from 'react';
import type { Candidate } from '@shared/api/candidates.ts';
import type { Interview } from '@shared/api/interviews.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { InterviewCard } from './interview-card.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import { useInterviews } from './use-interviews.ts';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'move'; interview: Interview };

/** The candidate's interviews (upcoming first, as the worker lists them) and "Schedule". */
export function InterviewsView({ candidate }: { candidate: Candidate }) {
  const { state, replace } = useInterviews(candidate.id);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const done = (interview: Interview) => {
    replace(interview);
    setEditing({ kind: 'none' });
  };

  return (
    <section className="interviews" aria-label="Interviews" data-testid="interviews-view">
      {editing.kind === 'none' ? (
        <button
          type="button"
          className="button button--primary interviews__schedule"
          onClick={() => setEditing({ kind: 'new' })}
          data-testid="schedule-interview"
        >
          Schedule an interview
        </button>
      ) : (
        <ScheduleForm
          key={editing.kind === 'move' ? editing.interview.id : 'new'}
          candidate={candidate}
          {...(editing.kind === 'move' ? { rescheduling: editing.interview } : {})}
          onDone={done}
          onCancel={() => setEditing({ kind: 'none' })}
        />
      )}
      {state.status === 'loading' && (
        <p className="muted" role="status">
          Loading interviews…
        </p>
      )}
      {state.status === 'error' && (
        <p className="alert" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && state.interviews.length === 0 && editing.kind === 'none' && (
        <EmptyState title="No interviews yet" testId="interviews-empty">
          Invite {candidate.name.split(' ')[0]} to a fixed time, or offer times to pick from.
        </EmptyState>
      )}
      {state.status === 'ready' &&
        state.interviews.map((interview) => (
          <InterviewCard key={interview.id} interview={interview} onChanged={replace} onReschedule={(i) => setEditing({ kind: 'move', interview: i })} />
        ))}
    </section>
  );
}
