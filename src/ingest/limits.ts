/** Bounds on what one input may cost. Hostile inputs must not exhaust memory or time. */
export interface InputLimits {
  /** Largest file or response accepted, in bytes after decompression (default: 64 MiB). */
  maxBytes: number
  /** Time limit for fetching one URL, in milliseconds (default: 20 s). */
  fetchTimeoutMs: number
  /** Whether URLs on loopback or private networks may be fetched (default: false). */
  allowPrivateNetwork: boolean
}

export const DEFAULT_LIMITS: InputLimits = {
  maxBytes: 64 * 1024 * 1024,
  fetchTimeoutMs: 20_000,
  allowPrivateNetwork: false,
}
