/** What the app reads at start-up from `/config.json` (shared/local/web.ts locally; the bucket's copy on AWS). */
export interface RuntimeConfig {
  authority: string;
  clientId: string;
  apiBase: string;
  logoutUrl?: string;
  environment?: string;
}

export async function loadConfig(): Promise<RuntimeConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
