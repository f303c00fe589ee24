/**
 * How many SMS segments a text takes: what a contact's carrier bills, so the review states it per message.
 * Pure. Encoding (3GPP TS 23.038): a text made only of the GSM-7 default alphabet and its extension table
 * is sent as GSM-7 (160 septets in one segment; 153 per segment once split, an extension character
 * costing 2 and never split across two segments); any other character makes the whole text UCS-2
 * (70 UTF-16 units in one segment; 67 per segment once split, a surrogate pair never split).
 */

// The GSM 03.38 default alphabet (the escape to the extension table, 0x1B, is not a character of its own).
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: each is sent as ESC + one septet. */
const GSM7_EXTENSION = new Set("^{}\\[~]|€\f");

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 units (UCS-2) the text takes. */
  units: number;
  segments: number;
}

export const SEGMENT_SIZES: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
};

/** The encoding a text is sent in, the units it takes and the number of segments. An empty text takes 0. */
export function smsSegments(text: string): SmsSegments {
  const chars = [...text]; // code points
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  const costs = chars.map((c) => (gsm ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const { single, part } = SEGMENT_SIZES[encoding];
  if (units <= single) return { encoding, units, segments: units === 0 ? 0 : 1 };
  // Split: fill each part, moving a character that does not fit whole to the next part.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
}

/** "2 segments (GSM-7, 170 characters)": the review's wording. */
export function describeSegments(text: string): string {
  const s = smsSegments(text);
  const unit = s.encoding === "GSM-7" ? "septets" : "UTF-16 units";
  return `${s.segments} SMS segment${s.segments === 1 ? "" : "s"} (${s.encoding}, ${s.units} ${unit})`;
}
