// `bank import` and `bank export`: placeholders until the importers land (issue 4).
export async function runImport(_args: string[]): Promise<number> {
  process.stderr.write('import: not available yet\n');
  return 2;
}
export async function runExport(_args: string[]): Promise<number> {
  process.stderr.write('export: not available yet\n');
  return 2;
}
