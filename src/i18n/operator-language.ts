/** Languages of everything an operator reads: the status page and the command line. */
export type OperatorLanguage = "sw" | "en";

/**
 * Chooses the status page language: an explicit choice (the page's switch),
 * then the browser's Accept-Language, then the `MLANGO_LANG` setting.
 */
export function chooseOperatorLanguage(
  explicit: string | undefined,
  acceptLanguage: string | null,
  fallback: OperatorLanguage,
): OperatorLanguage {
  if (explicit === "sw" || explicit === "en") return explicit;

  const preferred = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const quality = params.find((param) => param.trim().startsWith("q="));
      return { primary: tag.split("-")[0], quality: quality ? Number(quality.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.primary === "sw" || entry.primary === "en")
    .sort((a, b) => b.quality - a.quality);

  const first = preferred[0];
  return first && first.quality > 0 ? (first.primary as OperatorLanguage) : fallback;
}
