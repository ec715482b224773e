// Served by the 200.html fallback like the rest of /admin (see admin/+layout.ts).
export const prerender = false;
