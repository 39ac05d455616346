import type { Channel } from '@shared/api/channels.ts';
import type { TemplatePreview as Preview } from '@shared/domain/template.ts';

type Props = {
  /** From `previewTemplate`, the renderer the worker sends with. */
  preview: Preview;
  channel: Channel;
  /** "Ada" — whose values fill the fields. */
  recipient: string;
  /** For `aria-describedby` of a control the problems block (the editor's Save). */
  id?: string;
  /**
   * What to say when a filled template already reads as itself on screen: `cost`, its encoding and
   * segments and warnings (the interview form, which has no count of its own); `warnings` alone
   * (the composer counts segments below it). `all` by default: the text too.
   */
  show?: 'all' | 'cost' | 'warnings';
};

/** What the candidate will receive, or why the template cannot be sent yet. */
export function TemplatePreview({ preview, channel, recipient, id, show = 'all' }: Props) {
  if (!preview.ok) {
    return (
      <div className="template-preview template-preview--problems" data-testid="template-problems" id={id}>
        <p className="template-preview__title">Fix before sending:</p>
        <ul>
          {preview.problems.map((problem) => (
            <li key={`${problem.code}:${problem.at}`}>{problem.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  const { sms } = preview;
  const warnings =
    channel === 'sms' &&
    preview.warnings.map((warning) => (
      <p key={warning.field} className="template-preview__warning" data-testid="template-warning">
        {warning.message}
      </p>
    ));
  if (show === 'warnings') return warnings || null;
  if (show === 'cost' && channel !== 'sms') return null;
  return (
    <div className={show === 'all' ? 'template-preview' : 'template-preview template-preview--cost'} aria-live="polite">
      {show === 'all' && (
        <>
          <p className="template-preview__title muted">As {recipient} will read it:</p>
          <p className="template-preview__text" data-testid="template-preview">
            {preview.text}
          </p>
        </>
      )}
      {channel === 'sms' && (
        <p className="template-preview__meta muted" data-testid="template-encoding">
          {sms.encoding} · {sms.segments} {sms.segments === 1 ? 'segment' : 'segments'}
        </p>
      )}
      {warnings}
    </div>
  );
}
