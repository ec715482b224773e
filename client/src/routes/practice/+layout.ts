// /practice pages are served by the 200.html fallback, not prerendered (they need the session).
export const prerender = false;
