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
  /** The text is on screen already (a filled template reads as itself): only what it costs is said. */
  warningsOnly?: boolean;
};

/** What the candidate will receive, or why the template cannot be sent yet. */
export function TemplatePreview({ preview, channel, recipient, id, warningsOnly = false }: Props) {
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
  if (warningsOnly) return warnings || null;
  return (
    <div className="template-preview" aria-live="polite">
      <p className="template-preview__title muted">As {recipient} will read it:</p>
      <p className="template-preview__text" data-testid="template-preview">
        {preview.text}
      </p>
      {channel === 'sms' && (
        <p className="template-preview__meta muted" data-testid="template-encoding">
          {sms.encoding} · {sms.segments} {sms.segments === 1 ? 'segment' : 'segments'}
        </p>
      )}
      {warnings}
    </div>
  );
}
