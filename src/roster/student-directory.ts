import { asc, count, eq, gt } from "drizzle-orm";
import type { Database } from "../db/client";
import { rosterVersion, students } from "../db/schema";
import type { Logger } from "../log/logger";
import { findStudentsByLogin, type Student } from "./student-queries";

export interface StudentDirectory {
  /**
   * Finds the students whose identifier key is `identifierKey` or whose email
   * key is `emailKey`. An identifier match comes first, then up to two email
   * matches, enough to tell a unique email from a shared one.
   */
  find(identifierKey: string, emailKey: string): Student[] | Promise<Student[]>;
  /** Reloads now if the roster changed since the last load, and resolves when done. */
  refresh(): Promise<void>;
  /** Stops watching the roster for changes. */
  stop(): void;
}

export interface StudentDirectoryOptions {
  /** Size up to which the roster is kept in memory. Larger rosters are looked up in the database. */
  memoryLimit: number;
  /** How often the roster's change counter is read. */
  pollMs: number;
}

// NOTE: 100,000 students take about 100 MB and half a second to load on a 2-core server. The limit is a judgement
// for small school servers, not a measured ceiling.
export const DEFAULT_DIRECTORY_OPTIONS: StudentDirectoryOptions = { memoryLimit: 100_000, pollMs: 1000 };

/** Rows read per query while loading, so that requests wait at most one short query while a large roster loads. */
const LOAD_CHUNK = 2000;

interface Snapshot {
  byIdentifier: Map<string, Student>;
  byEmail: Map<string, Student[]>;
}

/**
 * Creates the in-memory roster, so that checking a student at the exam door
 * costs a map lookup rather than a database query. Triggers count every change
 * to `students` in `roster_version`. The directory reads that counter every
 * `pollMs` and reloads when it moved, which also catches changes made by other
 * processes (an import in another window, a hand edit). A login not in memory
 * is looked up in the database, so a student added a moment ago is found at
 * once. A changed secret or a disabled account takes effect within about
 * `pollMs` plus the reload.
 */
export function createStudentDirectory(db: Database, logger: Logger, options: StudentDirectoryOptions = DEFAULT_DIRECTORY_OPTIONS): StudentDirectory {
  let snapshot: Snapshot | undefined;
  /** The roster version last acted on, whether it was loaded or found too large. */
  let versionSeen: number | undefined;
  let loading: Promise<void> | undefined;
  let tooLargeLogged = false;

  async function currentVersion(): Promise<number> {
    const [row] = await db.select({ version: rosterVersion.version }).from(rosterVersion).where(eq(rosterVersion.id, 1));
    return row?.version ?? 0;
  }

  async function load(): Promise<void> {
    const version = await currentVersion();
    if (version === versionSeen) return;

    const [size] = await db.select({ total: count() }).from(students);
    const total = size?.total ?? 0;
    if (total > options.memoryLimit) {
      snapshot = undefined;
      versionSeen = version;
      if (!tooLargeLogged) logger.info("roster kept in the database", { students: total, memoryLimit: options.memoryLimit });
      tooLargeLogged = true;
      return;
    }
    tooLargeLogged = false;

    // The version is read before the rows. A change committed while they load moves it again, so the next poll reloads.
    const next: Snapshot = { byIdentifier: new Map(), byEmail: new Map() };
    let afterId = 0;
    for (;;) {
      const rows = await db.select().from(students).where(gt(students.id, afterId)).orderBy(asc(students.id)).limit(LOAD_CHUNK);
      for (const student of rows) add(next, student);
      if (rows.length < LOAD_CHUNK) break;
      afterId = rows.at(-1)!.id;
    }
    snapshot = next;
    versionSeen = version;
  }

  function refresh(): Promise<void> {
    loading ??= load()
      .catch((error: unknown) => logger.warn("roster reload failed; the previous copy stays in use until the next try", { error: error as Error }))
      .finally(() => (loading = undefined));
    return loading;
  }

  const timer = setInterval(() => void refresh(), options.pollMs);
  timer.unref();
  void refresh();

  return {
    find(identifierKey, emailKey) {
      if (!snapshot) return findStudentsByLogin(db, identifierKey, emailKey);
      const byIdentifier = snapshot.byIdentifier.get(identifierKey);
      const byEmail = snapshot.byEmail.get(emailKey);
      // NOTE: a login not in memory costs one database query more than a login in memory, estimated at well under
      // a millisecond. Next to the argon2 check both pay, that gap is unlikely to show within the few attempts
      // the lockout allows per login.
      if (!byIdentifier && !byEmail) return findStudentsByLogin(db, identifierKey, emailKey);

      const found = byIdentifier ? [byIdentifier] : [];
      for (const student of byEmail ?? []) {
        if (student !== byIdentifier && found.length < 3) found.push(student);
      }
      return found;
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}

function add(snapshot: Snapshot, student: Student): void {
  snapshot.byIdentifier.set(student.identifierKey, student);
  if (student.emailKey === null) return;
  const sharing = snapshot.byEmail.get(student.emailKey);
  if (sharing) sharing.push(student);
  else snapshot.byEmail.set(student.emailKey, [student]);
}
