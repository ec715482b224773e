// Contest PINs: exactly six digits. Phones with a Chinese IME often type full-width digits
// (１２３４５６) or add spaces, so normalise before validating instead of rejecting them.

export const PIN_LENGTH = 6;
export const PIN_PATTERN = '[0-9]{6}';

export function normalizePin(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
}

export function isValidPin(pin: string): boolean {
  return /^[0-9]{6}$/.test(pin);
}
