// Rendered in the browser from the SPA fallback like the other signed-in pages.
export const prerender = false;
