// Initial passwords as a CSV the admin downloads once: UTF-8 with a BOM so Excel on Chinese
// Windows opens it correctly, and cells that would run as formulas defused.
import type { MemberCredentialDto } from '@dangshi/protocol';

function field(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function credentialsCsv(credentials: readonly MemberCredentialDto[], header: readonly string[]): string {
  const rows = [header, ...credentials.map((c) => [c.name, c.branchName, c.username, c.password])];
  return `\uFEFF${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file from the page (no round trip: the passwords are never sent again). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
