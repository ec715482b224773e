// Moodle names categories by path ("$course$/top/党史/一大"); our questions carry one name.

/** The last real segment of a Moodle category path, or undefined for a bare context/top. */
export function categoryFromPath(path: string): string | undefined {
  const segments = path
    .replace(/\/\//g, '\u0000') // "//" is a "/" inside a name
    .split('/')
    .map((s) => s.replace(/\u0000/g, '/').trim())
    .filter((s) => s !== '' && !/^\$[a-z0-9]+\$$/i.test(s) && s.toLowerCase() !== 'top');
  return segments.at(-1);
}

export function categoryPath(category: string): string {
  return `$course$/top/${category.replace(/\//g, '//')}`;
}
