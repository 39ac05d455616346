import type { Candidate, CandidateContext } from '@shared/api/candidates.ts';
import { Channel } from '@shared/api/channels.ts';
import { formatPhone } from '@shared/domain/phone.ts';
import { channelLabel, consentLabel, languageName } from '../ui/format.ts';

type Props = {
  /** Shown at once, from the page; replaced by the worker's record when it arrives. */
  context: CandidateContext;
  candidate: Candidate | null;
};

/**
 * One compact block, so the conversation keeps the panel: the name with the consent chips beside
 * it, and the facts (number, job, language) on one line under it.
 */
export function CandidateHeader({ context, candidate }: Props) {
  const name = candidate?.name ?? context.name;
  const phone = candidate ? candidate.phone : context.phone;
  const jobTitle = candidate?.jobTitle ?? context.jobTitle;
  const language = candidate?.language ?? context.language;
  return (
    <section className="candidate" aria-label="Candidate">
      <h1 className="candidate__name" data-testid="candidate-name">
        {name}
      </h1>
      <dl className="candidate__facts">
        <dt>Phone</dt>
        <dd>{phone ? formatPhone(phone) : <span className="muted">No phone number</span>}</dd>
        {jobTitle && (
          <>
            <dt>Job</dt>
            <dd>{jobTitle}</dd>
          </>
        )}
        {language && (
          <>
            <dt>Language</dt>
            <dd>{languageName(language)}</dd>
          </>
        )}
      </dl>
      {candidate && (
        <ul className="consent" aria-label="Consent">
          {Channel.options.map((channel) => (
            <li key={channel} className={`badge badge--${candidate.consent[channel]}`} data-testid={`consent-${channel}`}>
              {channelLabel[channel]}: {consentLabel[candidate.consent[channel]]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
