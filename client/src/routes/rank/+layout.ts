// /rank and /rank/board are served by the 200.html fallback, not prerendered: /rank would
// otherwise be both a page file and a folder in the build (see admin/+layout.ts).
export const prerender = false;
