/**
 * Definition trees for the gitops and CLI tests: YAML built from the docs' sample request bodies
 * (tests/fixtures/sample-bodies.ts), written to temp folders. Expected line numbers are read from the
 * YAML text itself, never from the code under test.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { inputFromDocBody } from "../fixtures/doc-samples";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, SMS_REQUEST_TEMPLATE, smsInputFromDocBody } from "../fixtures/sms-samples";

export const progressive = () => inputFromDocBody(SAMPLE_PROGRESSIVE);
export const preview = () => inputFromDocBody(SAMPLE_PREVIEW);
export const agentless = () => inputFromDocBody(SAMPLE_AGENTLESS);

/** The SMS pages' samples as definitions: plain text (without template), a template by name, the advanced format. */
export const smsSimple = () => smsInputFromDocBody(SMS_REQUEST_SIMPLE);
export const smsTemplate = () => smsInputFromDocBody(SMS_REQUEST_TEMPLATE);
export const smsAdvanced = () => smsInputFromDocBody(SMS_REQUEST_ADVANCED);

/** A contact-list file declaring the list the docs' samples name as existing outside the stack. */
export const DECLARED_SAMPLE_LIST = "name: Recent Buyers - Q2 2025\nexternal: true\n";

/** The same for the list the SMS pages' samples name. */
export const DECLARED_SMS_SAMPLE_LIST = "name: Renewal Due - May/June 2025\nexternal: true\n";

/** A definition as YAML text (block style, as an admin writes it). */
export function toYaml(definition: Record<string, unknown>): string {
  return stringify(definition, { lineWidth: 0 });
}

const created: string[] = [];

/** Writes `files` (name -> text) into a fresh temp folder and returns it. Removed by `removeTrees`. */
export function writeTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-gitops-"));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function removeTrees(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** 1-based line of the `nth` (1-based) line of `text` matching `pattern`. */
export function lineOf(text: string, pattern: RegExp, nth = 1): number {
  const hits = text.split("\n").flatMap((line, i) => (pattern.test(line) ? [i + 1] : []));
  if (hits.length < nth) throw new Error(`no line ${nth} matching ${pattern} in:\n${text}`);
  return hits[nth - 1];
}
