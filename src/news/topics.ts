// The story topics: ids are stable (stored, used in /subscribe topics: and /news topic:), labels are shown.
// The rules that assign them (in English, Chinese and German) live with the tagger.

export const TOPICS = [
  { id: 'launch', label: 'Launches and products' },
  { id: 'funding', label: 'Funding and listings' },
  { id: 'export-controls', label: 'Export controls and sanctions' },
  { id: 'benchmarks', label: 'Benchmarks and performance' },
  { id: 'customers', label: 'Customers and deployments' },
  { id: 'fabs', label: 'Fabs and process' },
  { id: 'earnings', label: 'Earnings' },
] as const;

export type TopicId = (typeof TOPICS)[number]['id'];
export const TOPIC_IDS = TOPICS.map((t) => t.id) as [TopicId, ...TopicId[]];
