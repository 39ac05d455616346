/**
 * A choice between a few options shown side by side (opt-in mode, inbox scope): one button per
 * option, the chosen one pressed. A named group (a fieldset), so screen readers say what is being chosen.
 * @module
 */
type Props<T extends string> = {
  label: string;
  value: T;
  options: readonly { value: T; label: string; description?: string }[];
  onChange(value: T): void;
  testId?: string;
  /** Placement where it is used (the panel's view switch spans the panel's width). */
  className?: string;
};

export function Segmented<T extends string>({ label, value, options, onChange, testId, className }: Props<T>) {
  return (
    <fieldset className={className ? `segmented ${className}` : 'segmented'} aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          title={option.description}
          onClick={() => onChange(option.value)}
          data-value={option.value}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
