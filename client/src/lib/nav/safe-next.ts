// Where to go after login. Only same-site paths are accepted, so a crafted link like
// /login?next=https://evil.example cannot bounce a user off the platform.

export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}
