// The card form's checks, the same the payments service makes (Luhn, 12–19 digits, MM/YY not past, 3–4 digit CVV), so a
// diner learns what is wrong in their language before anything is sent. The service still decides; the card itself is
// only ever in the form's state and the one request to our API, never stored in the browser.
import type { Errors } from './validation';

export type CardInput = { number: string; expiry: string; cvv: string; holderName: string };
export type CardField = 'number' | 'expiry' | 'cvv';

export const digitsOf = (value: string) => value.replace(/\D/g, '');

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Groups of four as the diner types: `4111 1111 1111 1111`. */
export function formatCardNumber(value: string): string {
  return digitsOf(value).slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** `MM/YY` as the diner types: the slash comes by itself. */
export function formatExpiry(value: string): string {
  const d = digitsOf(value).slice(0, 4);
  return d.length > 2 ? `${d.slice(0, 2)}/${d.slice(2)}` : d;
}

/** Error message keys (i18n) per field; empty when the card may be sent. */
export function cardErrors(v: CardInput, now = new Date()): Errors<CardField> {
  const errors: Errors<CardField> = {};
  const number = digitsOf(v.number);
  if (!number) errors.number = 'card.numberRequired';
  else if (number.length < 12 || number.length > 19 || !luhn(number)) errors.number = 'card.numberInvalid';

  const expiry = /^(\d{2})\s*\/\s*(\d{2})$/.exec(v.expiry.trim());
  if (!v.expiry.trim()) errors.expiry = 'card.expiryRequired';
  else if (!expiry || Number(expiry[1]) < 1 || Number(expiry[1]) > 12) errors.expiry = 'card.expiryInvalid';
  else {
    // A card is good through the last day of its month.
    const year = 2000 + Number(expiry[2]);
    const month = Number(expiry[1]);
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) errors.expiry = 'card.expired';
  }

  if (!v.cvv) errors.cvv = 'card.cvvRequired';
  else if (!/^\d{3,4}$/.test(v.cvv)) errors.cvv = 'card.cvvInvalid';
  return errors;
}
