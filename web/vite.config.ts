// The web app's build: React through Vite, from web/ into web/dist, which the API server serves
// at / (src/server/web-app.ts). In development `npx vite --config web/vite.config.ts` proxies
// the API to a server started with `npm start`.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API = process.env.API_ORIGIN ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The budget is checked by `npm run bench` on the gzipped first-load files.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/graphql': API, '/export': API } },
});
