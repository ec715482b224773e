// Stage ids are not known at build time: every page under /stage/[id] renders in the browser
// from the SPA fallback.
export const prerender = false;
