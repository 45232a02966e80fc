import { eq } from "drizzle-orm";
import { Elysia } from "elysia";
import type { AppDependencies } from "../app-dependencies";
import { studentPhotos } from "../db/schema";
import { errorResponse } from "../http/json-response";
import { PHOTO_PATH } from "./photo-links";

/**
 * `GET /photos/:token`: a stored student photo, for the signed links sent as
 * `metadata.photo`. An unknown, altered or expired token gets the same 404,
 * so the response does not reveal which students have photos.
 */
export function photoRoutes(deps: AppDependencies) {
  return new Elysia({ name: "photos" }).get(`${PHOTO_PATH}:token`, async function servePhoto({ params }) {
    const studentId = deps.photoLinks?.studentIdOf(params.token);
    const photo = studentId === undefined ? undefined : await deps.db.query.studentPhotos.findFirst({ where: eq(studentPhotos.studentId, studentId) });
    if (!photo) return errorResponse(404, "photo_not_found", "This photo link is invalid or has expired; the platform gets a new link with each verification.");

    return new Response(new Uint8Array(photo.bytes), {
      headers: { "content-type": photo.contentType, "cache-control": "private, max-age=3600", etag: `"${photo.sha256}"` },
    });
  });
}
