// The id a phone gives its answer to one question; a retry carries the same id so the server
// acknowledges it again instead of counting it twice. crypto.randomUUID exists only in secure
// contexts (HTTPS or localhost), and halls usually serve the site over plain HTTP on the LAN,
// so fall back to getRandomValues, which works everywhere.
export function newClientAnswerId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (typeof c?.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
