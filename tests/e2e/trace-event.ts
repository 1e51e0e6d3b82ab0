/**
 * One event of a Chrome trace (Chrome's JSON trace format), with the fields the trace readers
 * here use: the large-document tests and the page-load budget (scripts/budget.ts).
 */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start and wall duration (µs). */
  ts: number;
  dur?: number;
  /** CPU time of the thread inside the event (µs). */
  tdur?: number;
  id?: string;
  args?: {
    data?: {
      url?: string;
      requestId?: string;
      /** The sampling profiler's events (Profile, ProfileChunk). */
      startTime?: number;
      cpuProfile?: {
        nodes?: Array<{ id: number; parent?: number; callFrame: { url?: string } }>;
        samples?: number[];
      };
      timeDeltas?: number[];
    };
    chrome_extension_id?: { extension_id?: string };
    chrome_mojo_event_info?: { mojo_interface_tag?: string };
  };
}
