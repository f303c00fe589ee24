/**
 * Benchmark data from the documents: the Progressive-mode sample request body of Kore's docs
 * (tests/fixtures/sample-bodies.ts), renamed per campaign. Progressive because its create answer
 * carries the whole record, so a provider create is exactly one POST (Preview adds a GET).
 */
import { SAMPLE_PROGRESSIVE } from "../../tests/fixtures/sample-bodies";

export type Args = Record<string, unknown>;

/** The contact lists the sample body names; the emulator must have them (campaigns may only name existing lists). */
export const CONTACT_LISTS: readonly string[] = [...SAMPLE_PROGRESSIVE.contactLists];

/** The wire body the docs show, with another name (what the raw client sends). */
export function wireBody(name: string): Args {
  return { ...structuredClone(SAMPLE_PROGRESSIVE as unknown as Args), name };
}

/** The same campaign as VoiceCampaign inputs (camelCase `queueName`, no wire-only `campaignType`). */
export function campaignArgs(name: string): Args {
  const { queue_name, campaignType: _type, ...rest } = wireBody(name);
  return { ...rest, queueName: queue_name, name };
}

/** A unique, valid campaign name (at most 48 characters). */
export function campaignName(prefix: string, i: number): string {
  return `${prefix} ${String(i).padStart(4, "0")}`;
}
