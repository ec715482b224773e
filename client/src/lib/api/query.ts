// `?a=1&b=x` from a parameter object: empty strings and absent values are left out, so a
// filter form can pass every field as it is.
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' ? value !== '' : typeof value === 'number' || typeof value === 'boolean') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
