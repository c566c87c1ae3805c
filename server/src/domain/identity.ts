/**
 * The French identifiers an invoice carries (DESIGN §6): a SIREN (9 digits, Luhn check digit) and
 * an intra-community VAT number, FR + a 2-digit key + the SIREN, the key being
 * (12 + 3 × (SIREN mod 97)) mod 97.
 */

/** Luhn's checksum over a string of digits: valid when the weighted sum is a multiple of 10. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

export const isValidSiren = (siren: string) => /^\d{9}$/.test(siren) && passesLuhn(siren);

/** The VAT key of a SIREN, two digits. */
export const frenchVatKey = (siren: string) => String((12 + 3 * (Number(siren) % 97)) % 97).padStart(2, '0');

export function isValidFrenchVatNumber(vat: string): boolean {
  const match = /^FR(\d{2})(\d{9})$/.exec(vat);
  return !!match && isValidSiren(match[2]) && match[1] === frenchVatKey(match[2]);
}

/** Spaces people type in identifiers ("732 829 320"), removed before checking and storing. */
export const compactIdentifier = (value: string) => value.replace(/\s+/g, '').toUpperCase();
