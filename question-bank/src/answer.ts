// How a typed fill-in answer is compared with the accepted texts: width, case, spaces and
// punctuation never decide a contest, only the words do.
export function normalizeText(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function fillAnswerMatches(accepted: readonly string[], given: string): boolean {
  const wanted = normalizeText(given);
  return wanted.length > 0 && accepted.some((a) => normalizeText(a) === wanted);
}
