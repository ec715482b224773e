// Admin pages are served by the 200.html fallback, not prerendered: /admin/bank would otherwise
// be both a page file and a folder in the build, and the static server would redirect it to
// /admin/bank/ before the SPA could answer. Nothing here is useful without a session anyway.
export const prerender = false;
