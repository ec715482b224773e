// Bytes to text for the text formats. Files come from Moodle (UTF-8), from Excel on Chinese
// Windows ("CSV" there means GBK) and from editors that add a BOM.
import iconv from 'iconv-lite';

export function decodeText(data: Uint8Array): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK and GB2312, so it reads all three.
    return iconv.decode(bytes, 'gb18030');
  }
}

/** Text to bytes for export: UTF-8, with a BOM where Excel needs it to guess right. */
export function encodeText(text: string, { bom = false } = {}): Uint8Array {
  return Buffer.from(bom ? `\uFEFF${text}` : text, 'utf8');
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
