// How many results each kind of answer gives: the one table. Front ends take their option
// ranges and defaults from here, so a change here changes every place that shows them.

export const RESULT_LIMITS = {
  /** Library.search: results per call when none is asked for, and the most a caller may ask for. */
  search: { default: 5, max: 50 },
  /** Results per page of /search and its console spelling: ten keep one embed readable within 4096 characters. */
  page: { default: 5, max: 10 },
  /** Passages in an answer to a question (Library.ask, /ask). */
  ask: 3,
  /** Related articles under a summary. */
  related: 3,
} as const;
