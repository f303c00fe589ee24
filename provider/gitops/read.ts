/**
 * Reading definition files: which paths hold which kind of file, the definition files of a folder, and a
 * file's bytes decoded to text, or the problem with it. The only I/O of the loader: links are never
 * followed, nothing but plain files is read, at most MAX_DEFINITION_FILE_BYTES + 1 bytes of one, and no
 * problem quotes what a file holds.
 */
import * as fs from "fs";
import * as path from "path";
import { CONTACT_LISTS_FOLDER, SMS_CAMPAIGNS_FOLDER, withArticle, type DefinitionKind } from "./file-kinds";
import { hasDefinitionExtension } from "./file-schema";
import type { Problem } from "./problems";

/**
 * Which given paths hold voice campaigns, which SMS campaigns and which contact lists. `contactLists`
 * given: those paths hold the lists. Absent: every path inside (or named) a `contact-lists` folder holds
 * lists, and each campaigns folder's (voice or SMS) sibling `contact-lists/` is read when it exists.
 * `smsCampaigns` likewise: given, those paths hold the SMS campaigns; absent, every path inside (or named)
 * an `sms-campaigns` folder does, and each voice campaigns folder's sibling `sms-campaigns/` is read when it
 * exists. Every other path holds voice campaigns.
 */
export function pathsByKind(paths: readonly string[], contactLists?: string | readonly string[], smsCampaigns?: string | readonly string[]): Record<DefinitionKind, string[]> {
  const listOf = (given: string | readonly string[]) => (typeof given === "string" ? [given] : [...given]);
  const folderNamed = (name: string) => (p: string) => {
    const folder = statOf(p)?.isDirectory() ? p : path.dirname(p);
    return path.basename(path.resolve(folder)) === name;
  };
  const isListPath = contactLists === undefined ? folderNamed(CONTACT_LISTS_FOLDER) : () => false;
  const isSmsPath = smsCampaigns === undefined ? folderNamed(SMS_CAMPAIGNS_FOLDER) : () => false;
  const listPaths = paths.filter(isListPath);
  const smsPaths = paths.filter((p) => !isListPath(p) && isSmsPath(p));
  const voicePaths = paths.filter((p) => !isListPath(p) && !isSmsPath(p));
  const siblings = (of: readonly string[], name: string) =>
    of
      .filter((p) => statOf(p)?.isDirectory())
      .map((folder) => path.join(folder, "..", name))
      .filter((folder) => statOf(folder)?.isDirectory());
  return {
    campaign: voicePaths,
    smsCampaign: smsCampaigns === undefined ? [...smsPaths, ...siblings(voicePaths, SMS_CAMPAIGNS_FOLDER)] : listOf(smsCampaigns),
    contactList: contactLists === undefined ? [...listPaths, ...siblings([...voicePaths, ...smsPaths], CONTACT_LISTS_FOLDER)] : listOf(contactLists),
  };
}

/** The definition files under `paths`, and a problem for each path that is missing or not a definition file. */
export function listDefinitionFiles(paths: readonly string[], noun = "campaign"): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(path.resolve(file))) files.push(file);
    seen.add(path.resolve(file));
  };
  for (const given of paths) {
    const stat = statOf(given);
    if (stat === undefined) problems.push({ file: given, message: "no such file or folder", code: "not_found" });
    else if (stat.isDirectory()) folderEntries(given).forEach(add);
    else if (hasDefinitionExtension(path.basename(given))) add(given);
    else problems.push({ file: given, message: `is not ${withArticle(noun)} definition (a .yaml or .yml file) or a folder`, code: "not_yaml" });
  }
  return { files, problems };
}

/**
 * The definition files of a folder: every entry whose name ends in .yaml/.yml (any case), hidden ones
 * skipped. Only plain files are read: a symbolic link (even one pointing inside the folder), a folder, a
 * FIFO or a device named like a definition is a problem, never followed and never skipped silently (a
 * skipped file would delete its campaign on the next up).
 */
function folderEntries(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => !name.startsWith(".") && hasDefinitionExtension(name))
    .sort()
    .map((name) => path.join(folder, name));
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** The most a definition file may hold (a real one is about 2 KB). */
export const MAX_DEFINITION_FILE_BYTES = 256 * 1024;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The read buffer readText reuses (made on first use). */
let readBuffer: Buffer | undefined;

/**
 * The text of a definition file, or the problem with it. Never quotes the content of anything that is
 * not a plain file of the folder, and reads at most MAX_DEFINITION_FILE_BYTES + 1 bytes of one that is.
 */
export function readText(file: string, noun: string): string | Problem {
  const refuse = (message: string, code = "read"): Problem => ({ file, message, code });
  let entry: fs.Stats;
  try {
    entry = fs.lstatSync(file);
  } catch (err) {
    return refuse(`could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (entry.isSymbolicLink()) return refuse("is a symbolic link; definition files must be plain files (links are never followed)", "not_plain_file");
  if (!entry.isFile()) return refuse(`is ${entryKind(entry)}, not a plain file`, "not_plain_file");
  if (entry.size > MAX_DEFINITION_FILE_BYTES) {
    return refuse(`is ${entry.size} bytes; ${withArticle(noun)} definition file holds at most ${MAX_DEFINITION_FILE_BYTES} bytes`, "too_large");
  }
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a link after the check above is refused too
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    // one buffer for every file (reads are synchronous and the text is decoded into a string before the next):
    // a zero-filled 256 KiB allocation per file was most of the reading time of a large set
    const buffer = (readBuffer ??= Buffer.allocUnsafe(MAX_DEFINITION_FILE_BYTES + 1));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (read > MAX_DEFINITION_FILE_BYTES) return refuse(`is larger than ${MAX_DEFINITION_FILE_BYTES} bytes, the most ${withArticle(noun)} definition file holds`, "too_large");
    bytes = buffer.subarray(0, read);
  } catch (err) {
    return refuse(`could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeText(file, bytes);
}

function entryKind(entry: fs.Stats): string {
  if (entry.isDirectory()) return "a folder";
  if (entry.isFIFO()) return "a named pipe (FIFO)";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  if (entry.isSocket()) return "a socket";
  return "not a plain file";
}

/** UTF-8 text without control characters (tab, newline and carriage return aside), or what is wrong and where. */
export function decodeText(file: string, bytes: Uint8Array): string | Problem {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { file, line: 1, message: "is UTF-16 text; save it as UTF-8", code: "encoding" };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = 1 + bytes.subarray(0, at).filter((b) => b === 0x0a).length;
    return { file, line, message: `is not valid UTF-8 (byte ${at + 1}); save it as UTF-8`, code: "encoding" };
  }
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(text);
  if (control) {
    const line = 1 + (text.slice(0, control.index).match(/\n/g)?.length ?? 0);
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return { file, line, message: `contains the control character U+${code}; definition files hold printable text only`, code: "encoding" };
  }
  return text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let end = 1; end <= bytes.length; end++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  return bytes.length - 1;
}
