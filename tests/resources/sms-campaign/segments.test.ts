/**
 * provider/resources/sms-campaign/segments.ts: the encoding and segment count of a text. The expected
 * counts are worked out by hand from 3GPP TS 23.038 (GSM-7: 160 / 153 septets, extension characters cost
 * 2; UCS-2: 70 / 67 UTF-16 units), never by the code under test.
 */
import { describeSegments, smsSegments } from "../../../provider/resources/sms-campaign/segments";

test("plain GSM-7 text: one segment up to 160 characters, then parts of 153", () => {
  expect(smsSegments("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
  expect(smsSegments("Hi, This is just reminder for upcoming event")).toEqual({ encoding: "GSM-7", units: 44, segments: 1 });
  expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
  expect(smsSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
  expect(smsSegments("a".repeat(306))).toEqual({ encoding: "GSM-7", units: 306, segments: 2 });
  expect(smsSegments("a".repeat(307))).toEqual({ encoding: "GSM-7", units: 307, segments: 3 });
});

test("the GSM-7 alphabet's own accented letters and symbols keep a text GSM-7", () => {
  expect(smsSegments("Ça coûte £5 à Zürich? ¿Sí! @home_Δ").encoding).toBe("UCS-2"); // û is not in GSM-7
  expect(smsSegments("Ça coute £5 à Zürich? ¿Sí! @home_Δ").encoding).toBe("UCS-2"); // í is not in GSM-7
  expect(smsSegments("Ça coute £5 à Zürich? ¿Si! @home_Δ")).toEqual({ encoding: "GSM-7", units: 34, segments: 1 });
});

test("an extension character costs two septets and is never split across parts", () => {
  expect(smsSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
  expect(smsSegments("€".repeat(81))).toEqual({ encoding: "GSM-7", units: 162, segments: 2 });
  // 152 plain characters then "{": 154 septets > 153 in a part, so "{" moves to the second part
  expect(smsSegments("a".repeat(152) + "{" + "a".repeat(152))).toEqual({ encoding: "GSM-7", units: 306, segments: 3 });
  expect(smsSegments("a".repeat(151) + "{" + "a".repeat(153))).toEqual({ encoding: "GSM-7", units: 306, segments: 2 });
});

test("any other character makes the whole text UCS-2: 70 units, then parts of 67; a surrogate pair is not split", () => {
  expect(smsSegments("नमस्ते")).toEqual({ encoding: "UCS-2", units: 6, segments: 1 });
  expect(smsSegments("“quoted”" + "a".repeat(62))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
  expect(smsSegments("“" + "a".repeat(70))).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
  expect(smsSegments("😀".repeat(35))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
  // 66 units of "a", then an emoji (2 units) does not fit in the first part's 67
  expect(smsSegments("a".repeat(66) + "😀" + "a".repeat(66))).toEqual({ encoding: "UCS-2", units: 134, segments: 3 });
  expect(smsSegments("a".repeat(65) + "😀" + "a".repeat(67))).toEqual({ encoding: "UCS-2", units: 134, segments: 2 });
});

test("the review's wording names the count, the encoding and the units", () => {
  expect(describeSegments("a".repeat(170))).toBe("2 SMS segments (GSM-7, 170 septets)");
  expect(describeSegments("Olá")).toBe("1 SMS segment (UCS-2, 3 UTF-16 units)");
});
