import { STORED_PHOTO, type PhotoLinks } from "../roster/photo-links";
import type { Student } from "../roster/student-queries";

/**
 * The verify_respondent response encoder, kept in one place because the
 * platform's published response examples could not be obtained: the shape
 * below (HTTP 200 with `metadata` on success, `errorMessage` on failure) is
 * inferred from its description and may need to change.
 */
export interface StudentMetadata {
  name?: string;
  email?: string;
  photo?: string;
  about?: string;
  data?: Record<string, unknown>;
}

export type VerifyResponseBody = { metadata: StudentMetadata } | { errorMessage: string };

export function encodeVerifySuccess(student: Student, publicUrl?: string, photoLinks?: PhotoLinks): VerifyResponseBody {
  const metadata: StudentMetadata = {};
  if (student.name?.trim()) metadata.name = student.name;
  if (student.email?.trim()) metadata.email = student.email;
  const photo = student.photo === STORED_PHOTO ? photoLinks?.linkFor(student.id) : absolutePhotoUrl(student.photo, publicUrl);
  if (photo) metadata.photo = photo;
  if (student.about?.trim()) metadata.about = student.about;
  const data = parseData(student.data);
  if (data) metadata.data = data;
  return { metadata };
}

export function encodeVerifyFailure(message: string): VerifyResponseBody {
  return { errorMessage: message };
}

/** A relative photo path is resolved against the public URL; without one it cannot be sent and is left out. */
function absolutePhotoUrl(photo: string | null, publicUrl?: string): string | undefined {
  const value = photo?.trim();
  if (!value) return undefined;
  if (/^https?:\/\//i.test(value)) return value;
  if (!publicUrl) return undefined;
  return new URL(value, publicUrl + "/").toString();
}

function parseData(data: string | null): Record<string, unknown> | undefined {
  if (!data) return undefined;
  const parsed: unknown = JSON.parse(data);
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const entries = Object.entries(parsed).filter(([, value]) => value !== null && value !== "");
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
