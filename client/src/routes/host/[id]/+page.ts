// Contest ids are not known at build time: rendered in the browser from the SPA fallback.
export const prerender = false;
