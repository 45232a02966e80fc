import { parseArgs } from "node:util";
import type { Settings } from "../config/settings";
import type { Database } from "../db/client";
import type { OperatorLanguage } from "../i18n/operator-language";
import { parseDuration } from "../inbox/duration";
import { eventListing, formatCsv, formatJsonLines, formatTable, sittingListing } from "../inbox/event-export";
import { retryFailedDeliveries } from "../inbox/outbox-queries";
import { listEvents, listSittings, type EventFilter } from "../inbox/timeline-queries";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const EVENTS_HELP = {
  sw: `Matumizi: mlango events [--sittings] [--format table|csv|jsonl] [--exam ID] [--type TUKIO] [--since MUDA] [--until MUDA] [--limit N]
          mlango events retry [--exam ID] [--type TUKIO]

Inaonyesha taarifa zilizohifadhiwa kutoka ExamJoint, ya zamani kwanza.
  --sittings        mstari mmoja kwa kila kikao (mtihani + respondent_id): saa ya kukubaliwa, ya matokeo, ya uchunguzi
  --format          table (kawaida), csv (salama kufunguliwa kwenye spreadsheet) au jsonl (JSON moja kwa kila mstari)
  --exam, --type    chuja kwa exam_id au aina ya tukio (kwa mfano result_ready)
  --since, --until  chuja kwa muda: tarehe 2026-06-01, saa 2026-06-01T08:00 (UTC), au muda uliopita kama 24h au 7d
  --limit           idadi ya juu ya mistari

"retry" inarudisha kwenye foleni taarifa ambazo hazikufika MLANGO_FORWARD_URLS; seva inayoendesha inazituma ndani ya sekunde moja.`,
  en: `Usage: mlango events [--sittings] [--format table|csv|jsonl] [--exam ID] [--type EVENT] [--since TIME] [--until TIME] [--limit N]
       mlango events retry [--exam ID] [--type EVENT]

Lists the notifications stored from ExamJoint, oldest first.
  --sittings        one line per sitting (exam + respondent_id): when admitted, result ready, investigation complete
  --format          table (default), csv (safe to open in a spreadsheet) or jsonl (one JSON object per line)
  --exam, --type    filter by exam_id or event type (for example result_ready)
  --since, --until  filter by time: a date 2026-06-01, a time 2026-06-01T08:00 (UTC), or an age such as 24h or 7d
  --limit           the maximum number of lines

"retry" queues the deliveries to MLANGO_FORWARD_URLS that failed again; a running server sends them within a second.`,
};

const FORMATS = ["table", "csv", "jsonl"] as const;
type Format = (typeof FORMATS)[number];

const TABLE_HEADERS: Record<OperatorLanguage, { events: string[]; sittings: string[] }> = {
  sw: {
    events: ["Na.", "Ilipokelewa (UTC)", "Tukio", "Mtihani", "Mtahiniwa", "Alikubaliwa (UTC)", "Mara"],
    sittings: ["Mtihani", "Mtahiniwa", "Alikubaliwa (UTC)", "Matokeo tayari (UTC)", "Uchunguzi umekamilika (UTC)", "Matukio", "Tukio la mwisho (UTC)"],
  },
  en: {
    events: ["Id", "Received (UTC)", "Event", "Exam", "Respondent", "Admitted (UTC)", "Times"],
    sittings: ["Exam", "Respondent", "Admitted (UTC)", "Result ready (UTC)", "Investigation complete (UTC)", "Events", "Last event (UTC)"],
  },
};

/** `mlango events`: lists stored notifications or sittings; `mlango events retry` queues failed forwards again. */
export async function eventsCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "table" },
      sittings: { type: "boolean", default: false },
      exam: { type: "string" },
      type: { type: "string" },
      since: { type: "string" },
      until: { type: "string" },
      limit: { type: "string" },
    },
  });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const [action, ...extra] = positionals;
  if ((action !== undefined && action !== "retry") || extra.length > 0) {
    io.err(cliText(lang, "eventsUnknownAction", { name: positionals.join(" ") }));
    return EXIT.usage;
  }
  if (!(FORMATS as readonly string[]).includes(values.format!)) {
    io.err(cliText(lang, "eventsInvalidFormat", { value: values.format! }));
    return EXIT.usage;
  }

  const filter = parseFilter(values, Date.now());
  if (!filter.ok) {
    io.err(cliText(lang, filter.problem.key, { value: filter.problem.value }));
    return EXIT.usage;
  }
  if (action === "retry" && settings.forward.urls.length === 0) {
    io.err(cliText(lang, "retryWithoutUrls"));
    return EXIT.usage;
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    if (action === "retry") return await retryFailed(io, settings, handle.db, filter.filter);
    await printListing(io, handle.db, filter.filter, { format: values.format as Format, sittings: values.sittings!, lang });
    return EXIT.ok;
  } finally {
    handle.close();
  }
}

async function retryFailed(io: CommandIo, settings: Settings, db: Database, filter: EventFilter): Promise<ExitCode> {
  const queued = await retryFailedDeliveries(db, {
    urls: settings.forward.urls,
    now: Date.now(),
    giveUpMs: settings.forward.giveUpMs,
    examId: filter.examId,
    type: filter.type,
  });
  io.out(cliText(settings.lang, "retryQueued", { count: queued }));
  return EXIT.ok;
}

async function printListing(io: CommandIo, db: Database, filter: EventFilter, options: { format: Format; sittings: boolean; lang: OperatorLanguage }) {
  // NOTE: the whole result is read into memory; a school's notifications are a few per sitting, so this stays small.
  const storedEvents = options.sittings ? [] : await listEvents(db, filter);
  const listing = options.sittings ? sittingListing(await listSittings(db, filter)) : eventListing(storedEvents);

  let lines: string[];
  if (options.format === "csv") {
    lines = formatCsv(listing);
  } else if (options.format === "jsonl") {
    lines = formatJsonLines(listing, options.sittings ? undefined : storedEvents.map((event) => event.body));
  } else if (listing.rows.length === 0) {
    lines = [cliText(options.lang, "eventsNone")];
  } else {
    lines = formatTable(listing, TABLE_HEADERS[options.lang][options.sittings ? "sittings" : "events"]);
  }
  for (const line of lines) io.out(line);
}

type FilterProblemKey = "eventsInvalidTime" | "eventsInvalidLimit";
type ParsedFilter = { ok: true; filter: EventFilter } | { ok: false; problem: { key: FilterProblemKey; value: string } };

function parseFilter(values: { exam?: string; type?: string; since?: string; until?: string; limit?: string }, now: number): ParsedFilter {
  const filter: EventFilter = { examId: values.exam, type: values.type };

  for (const name of ["since", "until"] as const) {
    const text = values[name];
    if (text === undefined) continue;
    const time = parseTime(text, now);
    if (time === undefined) return { ok: false, problem: { key: "eventsInvalidTime", value: `--${name} ${text}` } };
    filter[name] = time;
  }

  if (values.limit !== undefined) {
    if (!/^\d{1,9}$/.test(values.limit.trim()) || Number(values.limit) === 0) {
      return { ok: false, problem: { key: "eventsInvalidLimit", value: values.limit } };
    }
    filter.limit = Number(values.limit);
  }
  return { ok: true, filter };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a time filter: an age before now (`24h`, `7d`), or an ISO 8601 date
 * or date-time. A date-time without a zone is taken as UTC, like every time
 * Mlango prints, so the result does not depend on the machine's time zone.
 */
export function parseTime(text: string, now: number): number | undefined {
  const trimmed = text.trim();
  const age = parseDuration(trimmed);
  if (age !== undefined) return now - age;

  const match = DATE_TIME.exec(trimmed);
  if (!match) return undefined;
  const withZone = match[7] ? trimmed : `${trimmed}${match[4] ? "" : "T00:00"}Z`;
  const time = Date.parse(withZone.replace(" ", "T"));
  return Number.isNaN(time) ? undefined : time;
}
