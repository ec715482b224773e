// Roster problems in the user's language: row issues by kind, whole-file problems by the
// `file.<kind>` path the api sends with IMPORT_FAILED.
import { ROSTER_FILE_PROBLEMS, type RosterFileProblem, type RosterIssueDto } from '@dangshi/protocol';
import { t } from '$lib/i18n';

export function rosterIssueText(issue: RosterIssueDto): string {
  return t(`org.issue.${issue.kind}`, { value: issue.value ?? '', other: issue.otherRow ?? '' });
}

/** The sentence for an IMPORT_FAILED issue path, or null when it is not a known file problem. */
export function fileProblemText(path: string): string | null {
  const kind = path.startsWith('file.') ? path.slice(5) : '';
  return (ROSTER_FILE_PROBLEMS as readonly string[]).includes(kind) ? t(`org.file.${kind as RosterFileProblem}`) : null;
}
