/**
 * The one template renderer. The composer's preview and the worker's send both call it, so what
 * the recruiter sees is what the candidate gets, and a broken placeholder is caught on both sides.
 *
 * Syntax: `{{candidate.first_name}}`, or with a fallback for an empty value:
 * `{{candidate.first_name | "there"}}` (straight, single or curly quotes). Values are inserted as
 * plain text and never parsed again, so a name like `{{company.name}}` reaches the phone verbatim.
 * Anything that looks like a broken placeholder (unclosed, nested, single braces, a stray `}}`)
 * is an error rather than text, because it would otherwise be sent as is.
 * @module
 */
import { dateInWords, timeInZone } from './interviews.ts';
import { smsSegments, type SegmentCount } from './segments.ts';

export const MERGE_FIELDS = [
  'candidate.first_name',
  'candidate.last_name',
  'job.title',
  'company.name',
  'recruiter.first_name',
  'recruiter.name',
  'interview.title',
  'interview.date',
  'interview.time',
  'interview.timezone',
  'interview.interviewer',
  'interview.link',
  'interview.location',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** What a field holds for one candidate and sender; null or blank means "no value". */
export type MergeValues = Partial<Record<MergeField, string | null>>;

export type TemplateProblemCode = 'unknown_field' | 'empty_value' | 'unclosed' | 'stray_close' | 'nested_braces' | 'single_braces' | 'malformed';

export type TemplateProblem = {
  code: TemplateProblemCode;
  /** 1-based character position in the template, for people. */
  at: number;
  /** The field concerned, when there is one. */
  field?: string;
  message: string;
};

type Placeholder = { kind: 'field'; field: string; fallback: string | null; at: number; written: string };
type Part = { kind: 'text'; text: string } | Placeholder;

export type ParsedTemplate = { parts: Part[]; problems: TemplateProblem[] };

const isMergeField = (name: string): name is MergeField => (MERGE_FIELDS as readonly string[]).includes(name);

// `name.name` then an optional `| "fallback"`; the fallback may use \" and \\ escapes.
const PLACEHOLDER = /^\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|“([^”]*)”)\s*)?$/;
// `{candidate.first_name}`: a merge field someone meant to write, with one brace instead of two.
const SINGLE_BRACED_FIELD = /\{\s*[A-Za-z_]\w*\.[A-Za-z_]\w*\s*(?:\|[^{}]*)?\}/g;

/** Splits a template into text and placeholders, collecting every problem rather than the first. */
export function parseTemplate(source: string): ParsedTemplate {
  const parts: Part[] = [];
  const problems: TemplateProblem[] = [];
  const addText = (text: string, offset: number) => {
    if (!text) return;
    for (const match of text.matchAll(SINGLE_BRACED_FIELD)) {
      const written = match[0];
      const inner = written.slice(1, -1).trim();
      problems.push({
        code: 'single_braces',
        at: offset + match.index + 1,
        message: `"${written}" at character ${offset + match.index + 1} has single braces; a merge field takes two: {{${inner}}}.`,
      });
    }
    parts.push({ kind: 'text', text });
  };

  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    const strayClose = source.indexOf('}}', cursor);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      addText(source.slice(cursor, strayClose + 2), cursor);
      problems.push({ code: 'stray_close', at: strayClose + 1, message: `"}}" at character ${strayClose + 1} closes nothing: there is no "{{" before it.` });
      cursor = strayClose + 2;
      continue;
    }
    if (open === -1) {
      addText(source.slice(cursor), cursor);
      break;
    }
    addText(source.slice(cursor, open), cursor);
    const close = source.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ code: 'unclosed', at: open + 1, message: `"{{" at character ${open + 1} is never closed with "}}".` });
      break;
    }
    const inner = source.slice(open + 2, close);
    const written = source.slice(open, close + 2);
    const at = open + 1;
    // A brace inside, or touching either end (`{{{x}}}`, `{{x}}}`), is a typo, never text to send.
    if (/[{}]/.test(inner) || source[close + 2] === '}') {
      problems.push({ code: 'nested_braces', at, message: `"${written}" at character ${at} has a brace too many; merge fields cannot be nested.` });
      cursor = source[close + 2] === '}' ? close + 3 : close + 2;
      continue;
    }
    cursor = close + 2;
    const match = PLACEHOLDER.exec(inner);
    if (!match?.[1]) {
      problems.push({
        code: 'malformed',
        at,
        message: `"${written}" at character ${at} is not a merge field; write it like {{candidate.first_name}} or {{candidate.first_name | "there"}}.`,
      });
      continue;
    }
    const field = match[1];
    if (!isMergeField(field)) {
      const suggestion = closestField(field);
      problems.push({
        code: 'unknown_field',
        at,
        field,
        message: `{{${field}}} at character ${at} is not a merge field. ${
          suggestion ? `Did you mean {{${suggestion}}}?` : `Use one of: ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}.`
        }`,
      });
      continue;
    }
    const quoted = match[2] ?? match[3];
    const fallback = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (match[4] ?? null);
    parts.push({ kind: 'field', field, fallback, at, written });
  }
  return { parts, problems };
}

/** Save-time check: the syntax and the field names, whatever values a candidate will have. */
export function checkTemplate(source: string): TemplateProblem[] {
  return parseTemplate(source).problems;
}

/** The merge fields a template uses, in order of first use. */
export function fieldsOf(source: string): MergeField[] {
  const fields = parseTemplate(source).parts.flatMap((part) => (part.kind === 'field' && isMergeField(part.field) ? [part.field] : []));
  return [...new Set(fields)];
}

type Insertion = { field: MergeField; text: string; from: 'value' | 'fallback' };
type Filled = { text: string; insertions: Insertion[]; problems: TemplateProblem[] };

export type RenderResult = { ok: true; text: string } | { ok: false; problems: TemplateProblem[] };

/**
 * Fills a template's merge fields. Fails, listing every problem, when the template is malformed
 * or a field has neither a value nor a fallback: a message never leaves with a hole in it.
 */
export function renderTemplate(source: string, values: MergeValues): RenderResult {
  const { text, problems } = fill(source, values);
  return problems.length ? { ok: false, problems } : { ok: true, text };
}

function fill(source: string, values: MergeValues): Filled {
  const { parts, problems } = parseTemplate(source);
  let text = '';
  const insertions: Insertion[] = [];
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const field = part.field as MergeField;
    const value = values[field]?.trim();
    if (value) {
      text += value;
      insertions.push({ field, text: value, from: 'value' });
    } else if (part.fallback !== null) {
      text += part.fallback;
      insertions.push({ field, text: part.fallback, from: 'fallback' });
    } else {
      problems.push({
        code: 'empty_value',
        at: part.at,
        field,
        message: `{{${field}}} has no value here and no fallback: replace it with the text, or give it one like {{${field} | "…"}}.`,
      });
    }
  }
  return { text, insertions, problems };
}

/** Every problem in one sentence, for an error envelope or an alert. */
export function describeProblems(problems: readonly TemplateProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}

/** The characters that force UCS-2, so the recruiter can see what to replace. */
export function nonGsmCharacters(text: string): string[] {
  const graphemes = Array.from(new Intl.Segmenter().segment(text), (s) => s.segment);
  return [...new Set(graphemes.filter((g) => smsSegments(g).encoding === 'UCS-2'))];
}

export type EncodingWarning = { field: MergeField; characters: string[]; message: string };

export type TemplatePreview = { ok: true; text: string; sms: SegmentCount; warnings: EncodingWarning[] } | { ok: false; problems: TemplateProblem[] };

/**
 * What the composer shows: the rendered text, its SMS segments and encoding, and a warning for
 * each value that turns a GSM-7 template into UCS-2 (which cuts a segment from 160 to 70 characters).
 */
export function previewTemplate(source: string, values: MergeValues): TemplatePreview {
  const { text, insertions, problems } = fill(source, values);
  if (problems.length) return { ok: false, problems };
  const sms = smsSegments(text);
  const warnings: EncodingWarning[] = [];
  // The template's own words (fallbacks included) are what the admin chose; only values surprise.
  const ownText = fill(source, {}).text;
  if (sms.encoding === 'UCS-2' && smsSegments(ownText).encoding === 'GSM-7') {
    for (const insertion of insertions) {
      if (insertion.from !== 'value' || warnings.some((w) => w.field === insertion.field)) continue;
      const characters = nonGsmCharacters(insertion.text);
      if (characters.length === 0) continue;
      warnings.push({
        field: insertion.field,
        characters,
        message: `"${insertion.text}" ({{${insertion.field}}}) has ${characters.join(' ')}, which GSM-7 cannot carry: the whole message goes as UCS-2, 70 characters a segment instead of 160.`,
      });
    }
  }
  return { ok: true, text, sms, warnings };
}

/** "Ada Lovelace" → Ada / Lovelace; "Ludwig van Beethoven" → Ludwig / van Beethoven. */
export function splitName(name: string): { first: string | null; last: string | null } {
  const [first, ...rest] = name.trim().split(/\s+/);
  return { first: first || null, last: rest.join(' ') || null };
}

export type MergeSources = {
  candidate: { name: string; jobTitle: string | null };
  companyName: string;
  recruiterName: string;
  /**
   * Null until the candidate has a scheduled interview. `date` and `time` are in the candidate's
   * zone (`time` names it), `link` is their `/i/{token}` page.
   */
  interview: {
    date: string;
    time: string;
    location: string | null;
    title?: string;
    timezone?: string;
    interviewer?: string;
    link?: string;
  } | null;
};

/** The values of every merge field for one candidate and sender: the worker and the preview agree. */
export function mergeValuesOf({ candidate, companyName, recruiterName, interview }: MergeSources): MergeValues {
  const candidateName = splitName(candidate.name);
  return {
    'candidate.first_name': candidateName.first,
    'candidate.last_name': candidateName.last,
    'job.title': candidate.jobTitle,
    'company.name': companyName,
    'recruiter.first_name': splitName(recruiterName).first,
    'recruiter.name': recruiterName,
    'interview.title': interview?.title ?? null,
    'interview.date': interview?.date ?? null,
    'interview.time': interview?.time ?? null,
    'interview.timezone': interview?.timezone ?? null,
    'interview.interviewer': interview?.interviewer ?? null,
    'interview.link': interview?.link ?? null,
    'interview.location': interview?.location ?? null,
  };
}

// ---- The panel's merge-field form -------------------------------------------------------------
// A recruiter never edits template syntax: the panel shows the template rendered with what it knows,
// and an input in the text for each value it does not. What is sent is `renderTemplate` of the same
// template with the known and the entered values, so form, preview and worker read one renderer.

/** Each field in words: the label of its input when the panel has to ask for it. */
export const MERGE_FIELD_LABELS: Record<MergeField, string> = {
  'candidate.first_name': "Candidate's first name",
  'candidate.last_name': "Candidate's last name",
  'job.title': 'Job title',
  'company.name': 'Company name',
  'recruiter.first_name': 'Your first name',
  'recruiter.name': 'Your name',
  'interview.title': 'Interview title',
  'interview.date': 'Interview date',
  'interview.time': 'Interview time',
  'interview.timezone': 'Time zone',
  'interview.interviewer': 'Interviewer',
  'interview.link': 'Interview link',
  'interview.location': 'Interview location',
};

/** The control that asks for a field: native date and time pickers for the interview's day and hour. */
export type MergeFieldInput = 'text' | 'date' | 'time' | 'url';

export const mergeFieldInput = (field: MergeField): MergeFieldInput =>
  field === 'interview.date' ? 'date' : field === 'interview.time' ? 'time' : field === 'interview.link' ? 'url' : 'text';

/**
 * The template as the form shows it: known values already as text; an `input` at the first use of
 * each unknown field, and an `echo` of what is entered there at any later use.
 */
export type FormPart = { kind: 'text'; text: string } | { kind: 'input' | 'echo'; field: MergeField; fallback: string | null };

export type MergeForm =
  | {
      ok: true;
      parts: FormPart[];
      /** The fields asked for, in the order of their inputs. */
      inputs: MergeField[];
      /** Those of them used somewhere without a fallback: Send waits for them. */
      required: MergeField[];
    }
  | { ok: false; problems: TemplateProblem[] };

/**
 * Splits a template into what `known` fills and what the recruiter is asked for. `owned` fields have
 * controls of their own elsewhere (the interview form's date): never asked for in the text, they
 * echo their fallback or their name until those controls give them a value.
 */
export function mergeForm(source: string, known: MergeValues, owned: readonly MergeField[] = []): MergeForm {
  const { parts, problems } = parseTemplate(source);
  if (problems.length) return { ok: false, problems };
  const out: FormPart[] = [];
  const inputs: MergeField[] = [];
  const required = new Set<MergeField>();
  const addText = (text: string) => {
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  for (const part of parts) {
    if (part.kind === 'text') {
      addText(part.text);
      continue;
    }
    const field = part.field as MergeField;
    const value = known[field]?.trim();
    if (value) {
      addText(value);
      continue;
    }
    const asked = inputs.includes(field) || owned.includes(field);
    out.push({ kind: asked ? 'echo' : 'input', field, fallback: part.fallback });
    if (owned.includes(field)) continue;
    if (!asked) inputs.push(field);
    if (part.fallback === null) required.add(field);
  }
  return { ok: true, parts: out, inputs, required: inputs.filter((field) => required.has(field)) };
}

/** What the recruiter typed or picked per field: a date as "2026-12-08", a time as "10:00". */
export type EnteredValues = Partial<Record<MergeField, string>>;

/**
 * The entered values as the candidate reads them: a picked date written out in their language
 * ("Dienstag, 8. Dezember 2026") and a time with their zone named ("10:00 (Europe/Berlin)"), the
 * wording interview messages use. Blank entries are left out, so a fallback applies.
 */
export function enteredMergeValues(entered: EnteredValues, candidate: { language: string; timeZone: string }): MergeValues {
  const values: MergeValues = {};
  for (const [name, raw] of Object.entries(entered)) {
    const field = name as MergeField;
    const value = raw?.trim();
    if (!value) continue;
    const input = mergeFieldInput(field);
    values[field] =
      input === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? dateInWords(value, candidate.language)
        : input === 'time' && /^\d{2}:\d{2}$/.test(value)
          ? timeInZone(value, candidate.timeZone)
          : value;
  }
  return values;
}

/**
 * The template with some fields written in as text and the others left as merge fields: how a
 * half-filled form is kept as a draft, and how an interview message goes to the worker (which fills
 * the rest, the candidate's page link among them). Null when a value has a brace, which the
 * template would read as syntax.
 */
export function withValues(source: string, values: MergeValues): string | null {
  const { parts, problems } = parseTemplate(source);
  if (problems.length) return null;
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = values[part.field as MergeField]?.trim();
    if (value && /[{}]/.test(value)) return null;
    // Left as written, so a template nobody filled stays the template (WhatsApp's approved twin is matched on it).
    out += value || part.written;
  }
  return out;
}

/**
 * A half-filled template as free text for the recruiter to edit: rendered, each blank in `blanks`
 * marked with its name in brackets ("[Interview date]"), never as syntax. `marks` are those
 * brackets: the text is not ready to send while it still holds one. Null for a broken template.
 */
export function textToEdit(source: string, values: MergeValues, blanks: readonly MergeField[]): { text: string; marks: string[] } | null {
  const marks = Object.fromEntries(blanks.map((field) => [field, `[${MERGE_FIELD_LABELS[field]}]`]));
  const rendered = renderTemplate(source, { ...values, ...marks });
  return rendered.ok ? { text: rendered.text, marks: Object.values(marks) } : null;
}

function closestField(written: string): MergeField | null {
  const lower = written.toLowerCase();
  let best: { field: MergeField; distance: number } | null = null;
  for (const field of MERGE_FIELDS) {
    // A typo, or a field cut short (`candidate.first`).
    const distance = editDistance(lower, field);
    if (distance > 3 && !field.startsWith(lower)) continue;
    if (!best || distance < best.distance) best = { field, distance };
  }
  return best?.field ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
