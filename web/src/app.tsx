// The app's routes. Every page keeps its state in its URL (path and query string), so a result
// can be shared and bookmarked. Pages other than search load on demand (their code is split).
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from './components/layout';
import { SearchPage } from './pages/search-page';
import { NotFoundPage } from './pages/not-found-page';

const ProvisionPage = lazy(() => import('./pages/provision-page'));
const ExemptionCheckerPage = lazy(() => import('./pages/exemption-checker-page'));
const ClassificationWizardPage = lazy(() => import('./pages/classification-wizard-page'));
const DashboardsPage = lazy(() => import('./pages/dashboards-page'));
const LicencePage = lazy(() => import('./pages/licence-page'));
const ExplorerPage = lazy(() => import('./pages/explorer-page'));

export function App() {
  return (
    <Routes>
      {/* The explorer fills the window: no page chrome around it. */}
      <Route
        path="/graphql"
        element={
          <Suspense fallback={<p className="loading">Loading the GraphQL explorer…</p>}>
            <ExplorerPage />
          </Suspense>
        }
      />
      <Route element={<Layout />}>
        <Route index element={<SearchPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="provisions/:regime/:code" element={<ProvisionPage />} />
        <Route path="exemptions" element={<ExemptionCheckerPage />} />
        <Route path="classify" element={<ClassificationWizardPage />} />
        <Route path="licence" element={<LicencePage />} />
        <Route path="dashboards" element={<DashboardsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
