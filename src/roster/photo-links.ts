import { createHmac, timingSafeEqual } from "node:crypto";

/** Stored in `students.photo` when the photo itself is in `student_photos`, so the response carries a signed link. */
export const STORED_PHOTO = "mlango:stored-photo";

/** The path under which photos are served; a token follows it. */
export const PHOTO_PATH = "/photos/";

export interface PhotoLinks {
  /** Returns an absolute link to the student's stored photo that expires after the configured time. */
  linkFor(studentId: number): string;
  /** Returns the student id of a token that is genuine and not expired. */
  studentIdOf(token: string): number | undefined;
}

/**
 * Signs photo links with HMAC-SHA256 under a key derived from the client
 * secret, so they cannot be guessed or extended, and need no database row.
 * A link is `PUBLIC_URL/photos/ID.EXPIRES.SIGNATURE` with EXPIRES in epoch
 * seconds. Changing the client secret ends every link given out before.
 */
export function createPhotoLinks(options: { clientSecret: string; publicUrl: string; lifetimeHours: number; now: () => number }): PhotoLinks {
  const key = createHmac("sha256", options.clientSecret).update("mlango photo links").digest();
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");

  return {
    linkFor(studentId) {
      const expires = Math.floor(options.now() / 1000) + options.lifetimeHours * 3600;
      const payload = `${studentId}.${expires}`;
      return `${options.publicUrl}${PHOTO_PATH}${payload}.${sign(payload)}`;
    },
    studentIdOf(token) {
      const match = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return undefined;
      const [, id, expires, signature] = match;
      const expected = Buffer.from(sign(`${id}.${expires}`));
      if (!timingSafeEqual(expected, Buffer.from(signature!))) return undefined;
      if (Number(expires) * 1000 < options.now()) return undefined;
      return Number(id);
    },
  };
}
