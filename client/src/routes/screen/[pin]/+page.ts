// Any six digits can be a PIN: rendered in the browser from the SPA fallback, never prerendered.
export const prerender = false;
