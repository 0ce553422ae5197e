/**
 * File signatures ("magic bytes"): what the first bytes of a file say it is, whatever its name or declared type.
 * Generic machinery (shared/lib): it knows file formats, not the route. The woonzaken attachment policy
 * (shared/domain/inbound-mail.ts) decides which kinds are allowed and compares them with what is found here.
 */

/** The formats recognised here (the kinds the attachment policy may allow). */
export const FILE_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'txt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function contains(bytes: Uint8Array, ascii: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ascii, 0, 'latin1');
}

/** An OOXML package of the given main folder (`word/`, `xl/`) without macros. Names in a zip are stored in clear. */
function ooxml(folder: string) {
  return (bytes: Uint8Array) => startsWith(bytes, ZIP) && contains(bytes, '[Content_Types].xml') && contains(bytes, folder) && !contains(bytes, 'vbaProject');
}

/** Plain text: no NUL bytes, not an executable header. */
function plainText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0x4d, 0x5a]) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return false;
  return !bytes.includes(0);
}

const SIGNATURES: Readonly<Record<FileKind, (bytes: Uint8Array) => boolean>> = {
  // %PDF- within the first KB (some producers put a few bytes before the header).
  pdf: (b) => Buffer.from(b.subarray(0, 1024)).includes('%PDF-', 0, 'latin1'),
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  // A docx or xlsx with macros (vbaProject) is none of these.
  docx: ooxml('word/'),
  xlsx: ooxml('xl/'),
  txt: plainText,
};

/** Every kind whose signature the bytes carry (a text file may also read as a PDF: both are listed). */
export function fileKindsOf(bytes: Uint8Array): FileKind[] {
  return FILE_KINDS.filter((kind) => SIGNATURES[kind](bytes));
}
