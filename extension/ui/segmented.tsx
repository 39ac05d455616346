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
};

export function Segmented<T extends string>({ label, value, options, onChange, testId }: Props<T>) {
  return (
    <fieldset className="segmented" aria-label={label} data-testid={testId}>
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
