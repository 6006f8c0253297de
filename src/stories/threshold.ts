/**
 * Cosine similarity to a story's centroid from which an article joins it (calibration: DEFAULT_CLUSTER_OPTIONS
 * in cluster.ts). Its own module so that the CLI can show it as an option's default without loading clustering.
 */
export const DEFAULT_STORY_THRESHOLD = 0.225
