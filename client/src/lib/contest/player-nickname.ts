// The nickname rule, checked on the phone exactly as the server's engine does (NFC, spaces
// collapsed, trimmed, 1–20 characters counted as people count them, no control characters),
// so the common mistakes are explained before a round trip on slow hall Wi-Fi.
export const NICKNAME_MAX = 20;

export function normaliseNickname(raw: string): string | null {
  const nickname = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  const length = [...nickname].length;
  if (length < 1 || length > NICKNAME_MAX || /\p{Cc}/u.test(nickname)) return null;
  return nickname;
}
