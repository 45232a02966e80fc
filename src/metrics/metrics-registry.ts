/**
 * A small Prometheus text-format registry. A collector returns metric
 * families when `/metrics` is scraped, so each capability reads its own
 * figures (a counter in memory, a count in the database) at scrape time.
 */
export type MetricType = "counter" | "gauge" | "histogram";

export interface MetricSample {
  /** Appended to the family name, such as `_bucket`, `_sum` or `_count` for a histogram. */
  suffix?: string;
  labels?: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
}

export type MetricsCollector = () => MetricFamily[] | Promise<MetricFamily[]>;

export function createMetricsRegistry(collectors: MetricsCollector[] = []) {
  const registered = [...collectors];

  return {
    register(collector: MetricsCollector): void {
      registered.push(collector);
    },

    /** Renders every collector's families in the text exposition format 0.0.4. */
    async render(): Promise<string> {
      const families = (await Promise.all(registered.map((collect) => collect()))).flat();
      return families.map(formatFamily).join("");
    },
  };
}

export type MetricsRegistry = ReturnType<typeof createMetricsRegistry>;

function formatFamily(family: MetricFamily): string {
  const lines = [`# HELP ${family.name} ${family.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${family.name} ${family.type}`];
  for (const sample of family.samples) {
    lines.push(`${family.name}${sample.suffix ?? ""}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
  }
  return lines.join("\n") + "\n";
}

function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels || Object.keys(labels).length === 0) return "";
  const pairs = Object.entries(labels).map(
    ([key, value]) => `${key}="${value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`,
  );
  return `{${pairs.join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/** Samples of a cumulative histogram from per-bucket counts, with `le` in the unit of `bounds`. */
export function histogramSamples(bounds: number[], cumulativeCounts: number[], sum: number, count: number): MetricSample[] {
  return [
    ...bounds.map((bound, index) => ({ suffix: "_bucket", labels: { le: String(bound) }, value: cumulativeCounts[index] ?? 0 })),
    { suffix: "_bucket", labels: { le: "+Inf" }, value: count },
    { suffix: "_sum", value: sum },
    { suffix: "_count", value: count },
  ];
}
