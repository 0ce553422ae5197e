import '@amsterdam/design-system-assets/font/index.css';
import '@amsterdam/design-system-tokens/dist/index.css';
import '@amsterdam/design-system-css/dist/index.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setApiBase } from './api';
import { createAuth } from './auth';
import { loadConfig } from './config';
import { App } from './App';

const root = createRoot(document.getElementById('root')!);
try {
  const config = await loadConfig();
  setApiBase(config.apiBase);
  createAuth(config);
  root.render(
    <StrictMode>
      <App environment={config.environment} />
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="ams-page" lang="nl">
      <h1>De werkplek kan niet starten</h1>
      <p>{(error as Error).message}</p>
    </main>,
  );
}
