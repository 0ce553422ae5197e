/** Waits `ms` milliseconds (no wait for 0 or less): the back-off between retries and the sender's pacing slots. */
export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
