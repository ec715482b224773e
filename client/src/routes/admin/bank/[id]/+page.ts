// Any question id can be edited, so this route is rendered in the browser from the fallback.
export const prerender = false;
