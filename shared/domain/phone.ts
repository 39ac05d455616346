/**
 * Phone numbers as Parley stores them: E.164 plus the country they belong to. Shared calling
 * codes (+1, +44, …) resolve to the right country through libphonenumber-js's metadata.
 * @module
 */
import { type CountryCode, getCountries, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type ParsedPhone = { e164: string; country: string | null };

/**
 * @param defaultCountry used only for numbers written without an international prefix.
 * @returns null when the text is not a valid phone number.
 * @example normalisePhone('+44 20 7946 0958') // { e164: '+442079460958', country: 'GB' }
 */
export function normalisePhone(raw: string, defaultCountry?: string): ParsedPhone | null {
  const parsed = parsePhoneNumberFromString(raw, defaultCountry as CountryCode | undefined);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, country: parsed.country ?? null };
}

/**
 * An E.164 number as people write it: nationally ("(415) 555-0101", "01512 3456789") for a reader
 * in the number's own country, else internationally ("+49 1512 3456789"). The stored text itself
 * when it is not a number libphonenumber knows, so nothing is ever hidden.
 * @param readerCountry ISO 3166 alpha-2 of whoever reads it; null or absent: international.
 */
export function formatPhone(e164: string, readerCountry?: string | null): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return readerCountry && parsed.country === readerCountry.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}

/** Every country a phone number can belong to (ISO 3166 alpha-2): those compliance rules can name. */
export const phoneCountries = (): readonly string[] => getCountries();
